package dev.bulwark.scan.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.image.EntryKind;
import dev.bulwark.image.EntryVisitor;
import dev.bulwark.image.FileEntry;
import dev.bulwark.image.LayerCache;
import dev.bulwark.secret.SecretRule;
import dev.bulwark.secret.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The secret scanner as one consumer of the single pass: every regular file of every layer (deleted later or not)
 * is offered to {@link SecretScanner#scanFile}; findings are first recorded as in the final image and judged against
 * the final filesystem by the pipeline. Per-layer results are cached under a version that changes with the rules.
 * Files are read on the layer's thread and matched on {@link ParallelMatching}'s workers.
 */
public final class SecretLayerVisitor extends CachedFindingsVisitor<SecretFinding> {

    private final SecretScanner scanner;
    private final ParallelMatching<SecretFinding> matching = new ParallelMatching<>("bulwark-secrets-");

    public SecretLayerVisitor(SecretScanner scanner, LayerCache cache) {
        super(cache, "secret", version(scanner));
        this.scanner = scanner;
    }

    /** Changes whenever the rules or scan options change, so cached results of other rules are not reused. */
    private static String version(SecretScanner scanner) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SecretRule rule : scanner.rules().rules()) {
                sha.update((rule.id() + "|" + rule.severity() + "|" + rule.regex() + "|" + rule.path() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            sha.update(scanner.options().toString().getBytes(StandardCharsets.UTF_8));
            return "1-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected EntryVisitor entries(LayerRef layer, List<SecretFinding> out) {
        ParallelMatching<SecretFinding>.Layer pending = matching.layer();
        return new EntryVisitor() {
            @Override
            public boolean wantsContent(FileEntry header) {
                return header.kind() == EntryKind.FILE && scanner.wantsContent(header.path(), header.size());
            }

            @Override
            public void visit(FileEntry entry) throws IOException {
                if (entry.kind() != EntryKind.FILE) {
                    return;
                }
                // Read here (the tar stream is sequential), match on the workers.
                SecretScanner.PendingScan scan = scanner.readFile(new Location(entry.path(), layer), entry.size(),
                        true, entry::open);
                pending.add(scan::scan, scan.contentBytes());
            }

            @Override
            public void end() throws IOException {
                out.addAll(pending.finish());
            }
        };
    }

    @Override
    protected JsonNode toJson(SecretFinding finding) {
        return JsonCodec.secret(finding, null);
    }

    @Override
    protected SecretFinding fromJson(JsonNode node, LayerRef layer) {
        return JsonCodec.readSecret(node, index -> layer);
    }
}
