package dev.bulwark.sbom.analyzer.golang;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes Go binary reading: ELF, PE and Mach-O headers and segments, the build info blob in both the pointer and the
 * inline format, varint strings and the module list. Contract: a file that is not a readable Go binary yields
 * nothing or a warning, never an exception. Inputs shorter than the analyzer's 1 KiB minimum are padded with zeros.
 */
class GoBinaryFuzzTest {

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void readsGoBinary(byte[] data) throws IOException {
        byte[] binary = data.length >= 1024 ? data : Arrays.copyOf(data, 1024);
        GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();
        if (!analyzer.accepts("/usr/local/bin/tool", binary.length, 0755)) {
            return;
        }
        LayerResult.Builder out = LayerResult.builder("/usr/local/bin/tool");
        analyzer.analyze(new AnalyzerInput("/usr/local/bin/tool", binary.length, 0755,
                new ByteArrayInputStream(binary), null, temp), out);
        out.build();
    }
}
