package dev.bulwark.scan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.ConfigScan;
import dev.bulwark.config.ConfigScanner;
import dev.bulwark.config.FileError;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.LayerCache;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration scanner as one consumer of the single pass: Dockerfiles and Kubernetes YAML files in each layer
 * (outside system and dependency directories, where YAML is package data) go to a {@link ConfigScan} per layer,
 * whose findings are attributed to the layer. Files a later layer deletes are dropped by the pipeline.
 */
public final class ConfigLayerVisitor extends CachedFindingsVisitor<Misconfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLayerVisitor.class);
    private static final long MAX_BYTES = 1 << 20;
    private static final List<String> SKIPPED = List.of("/usr/", "/proc/", "/sys/", "/var/lib/",
            "/node_modules/", "/site-packages/", "/dist-packages/", "/.cache/", "/go/pkg/");

    private final ConfigScanner scanner;

    public ConfigLayerVisitor(ConfigScanner scanner, LayerCache cache) {
        super(cache, "misconfig", "1-" + scanner.checks().size());
        this.scanner = scanner;
    }

    /** Whether a file of an image is read as configuration (cheap: path and size only). */
    static boolean accepts(String path, long size) {
        if (size > MAX_BYTES || !ConfigScan.accepts(path)) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return false; // JSON in images is data (package.json, locks, caches), not manifests
        }
        for (String skipped : SKIPPED) {
            if (lower.startsWith(skipped) || lower.contains(skipped)) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected EntryVisitor entries(LayerRef layer, List<Misconfiguration> out) {
        ConfigScan scan = scanner.newScan();
        return new EntryVisitor() {
            private boolean any;

            @Override
            public boolean wantsContent(FileEntry header) {
                return header.kind() == EntryKind.FILE && accepts(header.path(), header.size());
            }

            @Override
            public void visit(FileEntry entry) throws IOException {
                if (entry.kind() == EntryKind.FILE && accepts(entry.path(), entry.size())) {
                    try (InputStream in = entry.open()) {
                        scan.add(entry.path(), in);
                    }
                    any = true;
                }
            }

            @Override
            public void end() {
                if (!any) {
                    return;
                }
                ConfigReport report = scan.finish();
                for (FileError error : report.errors()) {
                    LOG.debug("misconfig: {}", error);
                }
                for (Misconfiguration m : report.findings()) {
                    out.add(withLocation(m, new Location(m.location().path(), layer)));
                }
            }
        };
    }

    static Misconfiguration withLocation(Misconfiguration m, Location location) {
        return new Misconfiguration(m.checkId(), m.aliases(), m.title(), m.severity(), location, m.startLine(),
                m.endLine(), m.resource(), m.message(), m.resolution(), m.references());
    }

    @Override
    protected JsonNode toJson(Misconfiguration finding) {
        return JsonCodec.misconfiguration(finding, null);
    }

    @Override
    protected Misconfiguration fromJson(JsonNode node, LayerRef layer) {
        return JsonCodec.readMisconfiguration(node, index -> layer);
    }
}
