package dev.bulwark.secret;

import dev.bulwark.core.HistoryEntry;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.Severity;
import dev.bulwark.secret.internal.LineIndex;
import dev.bulwark.secret.internal.Redactor;
import dev.bulwark.secret.internal.RuleEngine;
import dev.bulwark.secret.internal.RuleEngine.Match;
import dev.bulwark.secret.internal.SkippedPaths;
import dev.bulwark.secret.internal.TextSniffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds hard-coded secrets in files and image configs. Build one per scan from a rule set, then call it for every
 * file of every layer, from any number of threads: it is immutable and holds no per-file state.
 *
 * <p>Typical use by a layer walker:
 * <pre>{@code
 * SecretScanner secrets = SecretScanner.create(SecretRuleSet.builtIn(), SecretScanOptions.defaults());
 * // for each regular file entry of each layer:
 * List<SecretFinding> found = secrets.scanFile(new Location(path, layerRef), entrySize, presentInFinalImage,
 *         () -> tarStream);   // opened only if the path and size are worth reading; not closed
 * // once per image:
 * List<SecretFinding> inConfig = secrets.scanImageConfig(imageConfig);
 * }</pre>
 *
 * <p>What is skipped before reading: files over {@link SecretScanOptions#maxFileBytes()}, binary formats by
 * extension, and (by default) dependency and system paths; after reading the first 8 KiB: binary content. Rules whose
 * {@code path} alone identifies a secret file (e.g. {@code *.p12}) report without reading. Secrets never leave this
 * class unmasked: findings, logs and exception messages carry only redacted forms.
 */
public final class SecretScanner {

    private static final Logger LOG = LoggerFactory.getLogger(SecretScanner.class);

    /** The {@link Location#path()} of findings in the image config. */
    public static final String IMAGE_CONFIG_TARGET = "(image config)";

    private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d{1,4}) ");

    private final SecretRuleSet rules;
    private final SecretScanOptions options;
    private final RuleEngine engine;

    private SecretScanner(SecretRuleSet rules, SecretScanOptions options) {
        this.rules = Objects.requireNonNull(rules, "rules is null");
        this.options = Objects.requireNonNull(options, "options is null");
        this.engine = new RuleEngine(rules);
        for (String warning : rules.warnings()) {
            LOG.warn("secret rules: {}", warning);
        }
    }

    public static SecretScanner create(SecretRuleSet rules, SecretScanOptions options) {
        return new SecretScanner(rules, options);
    }

    /** The built-in rules with default options. */
    public static SecretScanner withBuiltInRules() {
        return create(SecretRuleSet.builtIn(), SecretScanOptions.defaults());
    }

    public SecretRuleSet rules() {
        return rules;
    }

    public SecretScanOptions options() {
        return options;
    }

    /**
     * Whether a file's content is worth reading: false for files over the size limit, binary formats by extension,
     * dependency/system paths (unless disabled) and paths the rule set's allowlists exclude. Cheap; call it before
     * buffering anything. ({@link #scanFile} calls it too.)
     *
     * @param path the file's path ({@code /app/.env}; a leading {@code /} is ignored)
     * @param size the size in bytes, or -1 when unknown
     */
    public boolean wantsContent(String path, long size) {
        if (size > options.maxFileBytes() || !engine.hasContentRules()) {
            return false;
        }
        String normalized = SkippedPaths.normalize(path);
        if (SkippedPaths.binaryExtension(normalized)) {
            return false;
        }
        if (options.skipDependencyPaths() && SkippedPaths.dependencyPath(normalized)) {
            return false;
        }
        return !engine.pathAllowed(normalized);
    }

    /**
     * Scans one file: path-only rules first, then, if {@link #wantsContent} says so, its content (at most
     * {@link SecretScanOptions#maxFileBytes()} bytes are read; a longer stream is skipped, binary content too).
     *
     * @param location the file's path and layer, copied into findings
     * @param size the size in bytes, or -1 when unknown
     * @param inFinalImage false when a later layer deletes or hides the file (the caller knows the whiteouts)
     * @param content opens the content; called at most once, and the stream is not closed here
     * @throws IOException when reading the content fails (the message names the path, never the content)
     */
    public List<SecretFinding> scanFile(Location location, long size, boolean inFinalImage, ContentSource content)
            throws IOException {
        return readFile(location, size, inFinalImage, content).scan();
    }

    /**
     * The reading half of {@link #scanFile}: applies the path rules and reads the content now (from the caller's
     * stream, which must be read in order), and returns the matching, which is pure computation on the bytes read and
     * may run later on any thread. A layer walker uses it to match files in parallel while it reads the next entries.
     */
    public PendingScan readFile(Location location, long size, boolean inFinalImage, ContentSource content)
            throws IOException {
        String normalized = SkippedPaths.normalize(location.path());
        List<SecretFinding> pathFindings = pathFindings(location, normalized, inFinalImage);
        if (!wantsContent(location.path(), size)) {
            return new PendingScan(pathFindings, null, null, null, false);
        }
        byte[] bytes;
        try {
            InputStream in = content.open();
            // Sniff the first 8 KiB before reading the rest: a binary file costs one small read.
            byte[] head = in.readNBytes((int) Math.min(TextSniffer.SNIFF_BYTES,
                    size >= 0 ? size : options.maxFileBytes() + 1));
            if (TextSniffer.isBinary(head, head.length)) {
                LOG.debug("secret scan skipped {}: binary content", location.path());
                return new PendingScan(pathFindings, null, null, null, false);
            }
            byte[] rest = readAtMost(in, size >= 0 ? size - head.length : -1, options.maxFileBytes() - head.length);
            bytes = rest == null ? null : concat(head, rest);
        } catch (IOException e) {
            throw new IOException("cannot read " + location.path() + " for secret scanning: "
                    + e.getClass().getSimpleName(), e);
        }
        if (bytes == null) {
            LOG.debug("secret scan skipped {}: larger than {} bytes", location.path(), options.maxFileBytes());
            return new PendingScan(pathFindings, null, null, null, false);
        }
        return new PendingScan(pathFindings, this, location, bytes, inFinalImage);
    }

    /**
     * A file whose content has been read (or needs no reading) and whose matching is still to do: {@link #scan()} may
     * run on any thread, once.
     */
    public static final class PendingScan {
        private final List<SecretFinding> pathFindings;
        private final SecretScanner scanner;
        private final Location location;
        private final byte[] text;
        private final boolean inFinalImage;

        private PendingScan(List<SecretFinding> pathFindings, SecretScanner scanner, Location location, byte[] text,
                            boolean inFinalImage) {
            this.pathFindings = pathFindings;
            this.scanner = scanner;
            this.location = location;
            this.text = text;
            this.inFinalImage = inFinalImage;
        }

        /** The bytes held for matching (0 when only path rules applied). */
        public int contentBytes() {
            return text == null ? 0 : text.length;
        }

        /** The findings: path rules' and, when content was read, the content rules'. */
        public List<SecretFinding> scan() {
            if (text == null) {
                return pathFindings;
            }
            List<SecretFinding> all = new ArrayList<>(pathFindings);
            // The first 8 KiB were sniffed already when the content was read.
            all.addAll(scanner.scanSniffedText(location, SkippedPaths.normalize(location.path()), text,
                    inFinalImage));
            return all;
        }
    }

    /**
     * Scans content already in memory (path conditions and path-only rules still apply; the size limit and the
     * path skip list do not).
     */
    public List<SecretFinding> scanContent(Location location, byte[] content, boolean inFinalImage) {
        String normalized = SkippedPaths.normalize(location.path());
        List<SecretFinding> findings = new ArrayList<>(pathFindings(location, normalized, inFinalImage));
        if (!engine.pathAllowed(normalized)) {
            findings.addAll(scanText(location, normalized, content, inFinalImage));
        }
        return findings;
    }

    private List<SecretFinding> pathFindings(Location location, String normalized, boolean inFinalImage) {
        List<SecretFinding> findings = new ArrayList<>();
        for (SecretRule rule : engine.pathRules(normalized)) {
            String name = normalized.substring(normalized.lastIndexOf('/') + 1);
            findings.add(new SecretFinding(rule.id(), rule.category(), rule.title(), rule.severity(), location, 0, 0,
                    "file detected: " + name, "", inFinalImage, rule.tags()));
        }
        return findings;
    }

    private List<SecretFinding> scanText(Location location, String normalized, byte[] bytes, boolean inFinalImage) {
        if (TextSniffer.isBinary(bytes, bytes.length)) {
            LOG.debug("secret scan skipped {}: binary content", location.path());
            return List.of();
        }
        return scanSniffedText(location, normalized, bytes, inFinalImage);
    }

    private List<SecretFinding> scanSniffedText(Location location, String normalized, byte[] bytes,
                                                boolean inFinalImage) {
        List<Match> matches = engine.scan(normalized, bytes, bytes.length);
        if (matches.isEmpty()) {
            return List.of();
        }
        LineIndex lines = new LineIndex(bytes, bytes.length);
        String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> secrets = matches.stream().map(Match::secret).toList();
        List<SecretFinding> findings = new ArrayList<>(matches.size());
        for (Match match : matches) {
            int startLine = lines.lineOf(match.matchStart());
            int endLine = lines.lineOf(Math.max(match.matchStart(), match.matchEnd() - 1));
            int lineStart = lines.lineStart(startLine);
            int lineEnd = lines.lineContentEnd(startLine);
            String line = latin1.substring(lineStart, lineEnd);
            List<int[]> ranges = new ArrayList<>();
            for (Match other : matches) {
                if (other.secretStart() < lineEnd && other.secretEnd() > lineStart) {
                    ranges.add(new int[] {other.secretStart() - lineStart, other.secretEnd() - lineStart});
                }
            }
            String redactedLine = Redactor.redactLine(line, ranges.toArray(int[][]::new), secrets,
                    match.matchStart() - lineStart);
            findings.add(finding(match, location, startLine + 1, endLine + 1, redactedLine, inFinalImage));
        }
        return findings;
    }

    private static SecretFinding finding(Match match, Location location, int startLine, int endLine,
            String redactedLine, boolean inFinalImage) {
        SecretRule rule = match.rule();
        List<String> tags = new ArrayList<>(rule.tags());
        Severity severity = rule.severity();
        if (match.example()) {
            tags.add("example");
            severity = Severity.LOW;
        }
        String redactedMatch = Redactor.redactMatch(match.match(), match.secretStart() - match.matchStart(),
                match.secretEnd() - match.matchStart());
        return new SecretFinding(rule.id(), rule.category(), rule.title(), severity, location, startLine, endLine,
                redactedMatch, redactedLine, inFinalImage, tags);
    }

    private static byte[] concat(byte[] head, byte[] rest) {
        if (rest.length == 0) {
            return head;
        }
        byte[] all = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** Reads the whole stream if it has at most {@code max} bytes; null when it is longer. */
    private static byte[] readAtMost(InputStream in, long size, long max) throws IOException {
        if (max < 0) {
            return null;
        }
        if (size >= 0) {
            byte[] bytes = in.readNBytes((int) Math.min(size, max));
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Scans the image config: {@code Env}, {@code Labels}, {@code Entrypoint}, {@code Cmd}, the healthcheck, and every
     * history entry's {@code created_by} (where build arguments of {@code RUN} steps appear as {@code |N K=V ...})
     * and comment. Findings have the path {@value #IMAGE_CONFIG_TARGET}, no layer, line 0, and a redacted line that
     * starts with the field (e.g. {@code Env: AWS_SECRET_ACCESS_KEY=N6up********FxW}); a secret found in several
     * fields (an {@code ENV} is also in the history) is reported once, for the first field in that order.
     */
    public List<SecretFinding> scanImageConfig(ImageConfig config) {
        List<String> labels = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String env : config.env()) {
            labels.add("Env");
            items.add(env);
        }
        for (Map.Entry<String, String> label : new TreeMap<>(config.labels()).entrySet()) {
            labels.add("Label");
            items.add(label.getKey() + "=" + label.getValue());
        }
        addJoined(labels, items, "Entrypoint", config.entrypoint());
        addJoined(labels, items, "Cmd", config.cmd());
        addJoined(labels, items, "Healthcheck", config.healthcheck());
        List<HistoryEntry> history = config.history();
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            if (entry.createdBy() != null && !entry.createdBy().isBlank()) {
                for (String arg : buildArgs(entry.createdBy())) {
                    labels.add("History[" + i + "] build arg");
                    items.add(arg);
                }
                labels.add("History[" + i + "]");
                items.add(entry.createdBy());
            }
            if (entry.comment() != null && !entry.comment().isBlank()) {
                labels.add("History[" + i + "] comment");
                items.add(entry.comment());
            }
        }
        Location location = Location.of(IMAGE_CONFIG_TARGET);
        List<SecretFinding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            byte[] bytes = items.get(i).getBytes(StandardCharsets.UTF_8);
            List<Match> matches = engine.scan("", bytes, bytes.length);
            if (matches.isEmpty()) {
                continue;
            }
            String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
            List<String> secrets = matches.stream().map(Match::secret).toList();
            int[][] ranges = matches.stream().map(m -> new int[] {m.secretStart(), m.secretEnd()})
                    .toArray(int[][]::new);
            for (Match match : matches) {
                if (!seen.add(match.rule().id() + "\u0000" + match.secret())) {
                    continue;
                }
                String line = labels.get(i) + ": " + Redactor.redactLine(latin1, ranges, secrets, match.matchStart());
                findings.add(finding(match, location, 0, 0, line, true));
            }
        }
        return findings;
    }

    private static void addJoined(List<String> labels, List<String> items, String label, List<String> parts) {
        if (!parts.isEmpty()) {
            labels.add(label);
            items.add(String.join(" ", parts));
        }
    }

    /** The {@code K=V} build arguments that the classic builder records as {@code |N K=V ... cmd}. */
    private static List<String> buildArgs(String createdBy) {
        Matcher matcher = BUILD_ARGS.matcher(createdBy);
        if (!matcher.find()) {
            return List.of();
        }
        int count = Integer.parseInt(matcher.group(1));
        List<String> args = new ArrayList<>();
        String[] words = createdBy.substring(matcher.end()).split(" ", count + 1);
        for (int i = 0; i < Math.min(count, words.length); i++) {
            if (words[i].contains("=")) {
                args.add(words[i]);
            }
        }
        return args;
    }
}
