package dev.bulwark.sbom.analyzer.golang;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.analyzer.executable.ExecutableFormat;
import dev.bulwark.sbom.internal.Purls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go modules compiled into executables: the main module, every dependency (replacements applied, the original kept
 * as property {@code replaces}) and the toolchain as package {@code stdlib}. Executables are streamed: Go 1.18+
 * build information is found and read inline as the bytes pass. Only binaries whose first 64 KiB carry a Go build ID
 * are spooled to the cache directory, because the pre-1.18 pointer format needs random access.
 */
public final class GoBinaryAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("go-binary", 1, "golang",
            List.of("executables (mode +x)"), Set.of(AnalyzerDescriptor.Tag.INSTALLED));
    private static final int HEAD = 64 << 10;

    @Override
    public AnalyzerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public boolean accepts(String path, long size, int mode) {
        return ExecutableFormat.isCandidate(path, size, mode);
    }

    @Override
    public void analyze(AnalyzerInput input, LayerResult.Builder out) throws IOException {
        InputStream in = input.content();
        byte[] head = in.readNBytes(HEAD);
        if (!ExecutableFormat.looksExecutable(head)) {
            return;
        }
        if (!ExecutableFormat.hasGoBuildId(head)) {
            // no Go build ID (stripped with -buildid=): only the inline format can be read, while streaming
            try {
                GoBuildInfo info = GoBuildInfo.scan(new java.io.SequenceInputStream(
                        new java.io.ByteArrayInputStream(head), in));
                if (info != null) {
                    report(info, input, out);
                }
            } catch (GoBuildInfo.PointerFormatException e) {
                out.warn(input.path(), "Go binary without build ID in the pre-1.18 format; modules not read");
            }
            return;
        }
        Files.createDirectories(input.tempDir());
        Path spool = Files.createTempFile(input.tempDir(), "gobin-", ".bin");
        try {
            try (OutputStream o = Files.newOutputStream(spool)) {
                o.write(head);
                in.transferTo(o);
            }
            GoBuildInfo info;
            try (FileChannel file = FileChannel.open(spool, StandardOpenOption.READ)) {
                info = GoBuildInfo.read(file);
            }
            if (info != null) {
                report(info, input, out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static void report(GoBuildInfo info, AnalyzerInput input, LayerResult.Builder out) {
        Package main = null;
        if (info.mainModule() != null && info.mainVersion() != null) {
            main = module(info.mainModule(), info.mainVersion(), input, Map.of("main", "true"));
            out.filePackage(input.path(), main);
        }
        Package stdlib = module("stdlib", info.goVersion(), input, Map.of());
        out.filePackage(input.path(), stdlib);
        if (main != null) {
            out.relationship(main, stdlib, Relationship.Type.DEPENDS_ON);
        }
        for (GoBuildInfo.Module dep : info.dependencies()) {
            Map<String, String> properties = new LinkedHashMap<>();
            if (dep.replaces() != null) {
                properties.put("replaces", dep.replaces());
            }
            Package p = module(dep.path(), dep.version(), input, properties);
            out.filePackage(input.path(), p);
            if (main != null) {
                out.relationship(main, p, Relationship.Type.DEPENDS_ON);
            }
        }
    }

    private static Package module(String path, String version, AnalyzerInput input, Map<String, String> properties) {
        int slash = path.lastIndexOf('/');
        String namespace = slash > 0 ? path.substring(0, slash) : null;
        String name = slash > 0 ? path.substring(slash + 1) : path;
        return new Package(PackageType.GOLANG, path, version, null, null, null,
                Purls.of("golang", namespace, name, version), List.of(), List.of(input.location(null)), null,
                properties);
    }
}
