package dev.bulwark.sbom.analyzer.cargo;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.AnalyzerDescriptor;
import dev.bulwark.sbom.AnalyzerInput;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.analyzer.executable.ExecutableFormat;
import dev.bulwark.sbom.internal.LanguagePackages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Rust crates compiled into executables built with cargo-auditable, from the dependency list in section
 * {@code .dep-v0} (ELF, PE; {@code __DATA,.dep-v0} in Mach-O). Like Syft, only crates of kind {@code runtime} are
 * reported (build scripts and proc macros are not in the executable); the root crate is marked {@code main}, and each
 * crate's dependencies become relationships.
 *
 * <p>The first 64 KiB decide: files that are not ELF, PE or Mach-O, and Go binaries, are left unread. Section tables
 * sit at the end of an ELF file, after the section they name, so other executables are read whole: in memory up to
 * 8 MiB, spooled to the cache directory beyond. The section and the JSON it inflates to are capped at 4 MiB each (a
 * real list of a thousand crates is about 100 KiB); anything larger or malformed is a warning naming the file.
 */
public final class CargoAuditableAnalyzer implements PackageAnalyzer {

    private static final AnalyzerDescriptor DESCRIPTOR = new AnalyzerDescriptor("cargo-auditable", 1, "cargo",
            List.of("executables (mode +x)"), Set.of(AnalyzerDescriptor.Tag.INSTALLED));
    static final String SECTION = ".dep-v0";
    static final String MACH_O_SEGMENT = "__DATA";
    static final int MAX_SECTION = 4 << 20;
    static final int MAX_JSON = 4 << 20;
    private static final int HEAD = 64 << 10;
    private static final int MEMORY_LIMIT = 8 << 20;

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
        if (!ExecutableFormat.looksExecutable(head) || ExecutableFormat.hasGoBuildId(head)) {
            return;
        }
        if (input.size() <= MEMORY_LIMIT) {
            byte[] rest = in.readNBytes(MEMORY_LIMIT - head.length);
            byte[] whole = new byte[head.length + rest.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(rest, 0, whole, head.length, rest.length);
            try (SeekableByteChannel file = new SeekableInMemoryByteChannel(whole)) {
                read(file, input, out);
            }
            return;
        }
        Files.createDirectories(input.tempDir());
        Path spool = Files.createTempFile(input.tempDir(), "rustbin-", ".bin");
        try {
            try (OutputStream o = Files.newOutputStream(spool)) {
                o.write(head);
                in.transferTo(o);
            }
            try (FileChannel file = FileChannel.open(spool, StandardOpenOption.READ)) {
                read(file, input, out);
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static void read(SeekableByteChannel file, AnalyzerInput input, LayerResult.Builder out)
            throws IOException {
        var section = ExecutableFormat.read(file).section(SECTION, MACH_O_SEGMENT);
        if (section.isEmpty()) {
            return;
        }
        long size = section.get().size();
        if (size > MAX_SECTION) {
            out.warn(input.path(), "dependency list (" + SECTION + ") is " + size + " bytes, more than "
                    + (MAX_SECTION >> 20) + " MiB; not read");
            return;
        }
        ByteBuffer data = ExecutableFormat.read(file, section.get().offset(), (int) size, ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() < size) {
            out.warn(input.path(), "dependency list (" + SECTION + ") extends past the end of the file");
            return;
        }
        byte[] compressed = new byte[data.remaining()];
        data.get(compressed);
        try {
            report(AuditData.decode(compressed, MAX_JSON), input, out);
        } catch (AuditData.MalformedException e) {
            out.warn(input.path(), e.getMessage());
        }
    }

    private static void report(AuditData data, AnalyzerInput input, LayerResult.Builder out) {
        List<AuditData.Crate> crates = data.crates();
        Set<String> roots = new HashSet<>();
        for (AuditData.Crate c : crates) {
            if (c.runtime() && c.root()) {
                roots.add(c.name() + "@" + c.version());
            }
        }
        // one package per name and version, even if listed twice (from two sources, say)
        Map<String, Package> byId = new LinkedHashMap<>();
        Map<Integer, Package> byIndex = new HashMap<>();
        for (int i = 0; i < crates.size(); i++) {
            AuditData.Crate c = crates.get(i);
            if (!c.runtime()) {
                continue;
            }
            String id = c.name() + "@" + c.version();
            byIndex.put(i, byId.computeIfAbsent(id, k -> {
                Map<String, String> properties = new LinkedHashMap<>();
                if (roots.contains(k)) {
                    properties.put("main", "true");
                }
                if (c.source() != null) {
                    properties.put("source", c.source());
                }
                Package p = LanguagePackages.of(PackageType.CARGO, null, c.name(), c.version(),
                        input.location(null), properties);
                out.filePackage(input.path(), p);
                return p;
            }));
        }
        Set<String> edges = new HashSet<>();
        for (int i = 0; i < crates.size(); i++) {
            Package parent = byIndex.get(i);
            if (parent == null) {
                continue;
            }
            for (int dep : crates.get(i).dependencies()) {
                Package child = byIndex.get(dep);
                if (child != null && child != parent && edges.add(parent.name() + "@" + parent.version()
                        + ">" + child.name() + "@" + child.version())) {
                    out.relationship(parent, child, Relationship.Type.DEPENDS_ON);
                }
            }
        }
    }
}
