package dev.bulwark.sbom.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the rpm database readers and the header parser. Contract: a database reader reports damage through its
 * problem sink and keeps going (it never throws on file content), and a header blob either parses or fails with
 * {@link RpmHeaderParser.MalformedHeaderException}.
 */
class RpmFuzzTest {

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void parsesHeader(byte[] data) {
        parse(data);
    }

    @FuzzTest(maxDuration = "5m")
    void readsBerkeleyDb(byte[] data) throws IOException {
        readDatabase(new BerkeleyDbHashReader(), data);
    }

    @FuzzTest(maxDuration = "5m")
    void readsNdb(byte[] data) throws IOException {
        readDatabase(new NdbReader(), data);
    }

    private static void readDatabase(RpmDatabase database, byte[] data) throws IOException {
        Path file = temp.resolve("Packages");
        Files.write(file, data);
        List<byte[]> blobs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        database.read(file, blobs::add, problems::add);
        assertThat(problems).allSatisfy(problem -> assertThat(problem).isNotBlank());
        blobs.forEach(RpmFuzzTest::parse);
    }

    private static void parse(byte[] blob) {
        try {
            RpmHeader header = RpmHeaderParser.parse(blob);
            assertThat(header.files()).doesNotContainNull();
        } catch (RpmHeaderParser.MalformedHeaderException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
