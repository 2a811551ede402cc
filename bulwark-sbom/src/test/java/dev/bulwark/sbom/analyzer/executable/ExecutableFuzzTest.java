package dev.bulwark.sbom.analyzer.executable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.analyzer.cargo.CargoAuditableAnalyzer;
import dev.bulwark.sbom.analyzer.golang.GoBinaryAnalyzer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the analyzers of executables with one input: ELF, PE and Mach-O headers, segments and named sections
 * ({@link ExecutableFormat}), Go build info, and cargo-auditable's zlib-compressed {@code .dep-v0} JSON. Contract:
 * a file that is not a readable binary of theirs yields nothing or a warning, never an exception. Inputs shorter
 * than the 1 KiB minimum for executables are padded with zeros.
 */
class ExecutableFuzzTest {

    @TempDir
    static Path temp;

    @FuzzTest(maxDuration = "5m")
    void readsExecutable(byte[] data) throws IOException {
        byte[] binary = data.length >= 1024 ? data : Arrays.copyOf(data, 1024);
        for (PackageAnalyzer analyzer : new PackageAnalyzer[] {new GoBinaryAnalyzer(), new CargoAuditableAnalyzer()}) {
            if (analyzer.accepts("/usr/local/bin/tool", binary.length, 0755)) {
                LayerResult.Builder out = LayerResult.builder("/usr/local/bin/tool");
                analyzer.analyze(new AnalyzerInput("/usr/local/bin/tool", binary.length, 0755,
                        new ByteArrayInputStream(binary), null, temp), out);
                out.build();
            }
        }
    }
}
