package dev.bulwark.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.vuln.osv.OsvInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input walker hands out documents whose bytes other threads read later, safely and within the limits. */
class OsvInputsTest {

    @TempDir
    Path dir;

    private Path archive(byte[] bytes) throws IOException {
        Path zip = dir.resolve("all.zip");
        Files.write(zip, bytes);
        return zip;
    }

    private static Map<String, String> records(int n) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            entries.put("R-" + i + ".json", "{\"id\":\"R-" + i + "\",\"modified\":\"2020-01-01T00:00:00Z\"}");
        }
        return entries;
    }

    @Test
    void archiveStaysOpenUntilDocumentsReadOnOtherThreadsAreDone() throws Exception {
        Path zip = archive(ZipFixtures.zip(records(200)));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<byte[]>> reads = new ArrayList<>();
            OsvInputs.read(zip, doc -> reads.add(pool.submit(doc::read)));
            assertThat(reads).hasSize(200);
            for (int i = 0; i < reads.size(); i++) {
                assertThat(new String(reads.get(i).get(), StandardCharsets.UTF_8)).contains("\"R-" + i + "\"");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void documentIsReadOnlyOnce() throws IOException {
        Path zip = archive(ZipFixtures.zip(records(1)));
        OsvInputs.read(zip, doc -> {
            assertThat(doc.sizeHint()).isPositive();
            doc.read();
            assertThatThrownBy(doc::read).isInstanceOf(IllegalStateException.class).hasMessageContaining("R-0.json");
        });
    }

    @Test
    void corruptEntryIsAnInputErrorNamingIt() throws IOException {
        Path zip = archive(ZipFixtures.corruptData(ZipFixtures.zip(records(3)), "R-1.json"));
        List<String> read = new ArrayList<>();
        assertThatThrownBy(() -> OsvInputs.read(zip, doc -> {
            doc.read();
            read.add(doc.origin());
        })).isInstanceOf(InputException.class).hasMessageContaining("all.zip!R-1.json")
                .hasMessageContaining("corrupt zip entry");
        assertThat(read).containsExactly(zip + "!R-0.json");
    }

    @Test
    void entryInflatingBeyondItsDeclaredSizeIsRefused() throws IOException {
        Path zip = archive(ZipFixtures.understateSize(ZipFixtures.zip(records(2)), "R-1.json", 10));
        assertThatThrownBy(() -> OsvInputs.read(zip, OsvInputs.Document::read)).isInstanceOf(InputException.class)
                .hasMessageContaining("all.zip!R-1.json").hasMessageContaining("declared 10 bytes");
    }
}
