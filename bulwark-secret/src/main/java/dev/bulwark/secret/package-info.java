/**
 * Secret scanning: finds hard-coded credentials in the files of every image layer and in the image config, and
 * reports them as {@link dev.bulwark.core.SecretFinding}s that never hold the secret itself, only masked forms.
 *
 * <h2>Using it (for the scan orchestration)</h2>
 * <ol>
 *   <li>Build the rules once: {@link dev.bulwark.secret.SecretRuleSet#builtIn()}, or
 *       {@link dev.bulwark.secret.SecretRuleSet#loadGitleaksConfig(java.nio.file.Path)} for {@code --secret-config}
 *       (gitleaks TOML; throws {@link dev.bulwark.core.InputException} naming the file; print
 *       {@link dev.bulwark.secret.SecretRuleSet#warnings()} at warning level).</li>
 *   <li>Build one {@link dev.bulwark.secret.SecretScanner} per scan with
 *       {@link dev.bulwark.secret.SecretScanOptions} (size limit, dependency-path skipping). It is immutable and
 *       thread-safe: share it between the threads that stream layers.</li>
 *   <li>For each regular file of each layer call
 *       {@link dev.bulwark.secret.SecretScanner#scanFile(dev.bulwark.core.Location, long, boolean, ContentSource)}
 *       with the file's {@code Location(path, layerRef)}, its size, whether it is still present in the final image
 *       (false when a later layer's whiteout or opaque directory removes it; the caller knows the whiteouts), and
 *       a {@link dev.bulwark.secret.ContentSource} that returns the entry stream. The scanner decides from path and
 *       size whether to read at all ({@link dev.bulwark.secret.SecretScanner#wantsContent} answers the same
 *       question up front), reads at most the size limit, skips binary content after sniffing 8 KiB, and never
 *       closes the stream.</li>
 *   <li>Once per image call {@link dev.bulwark.secret.SecretScanner#scanImageConfig(dev.bulwark.core.ImageConfig)}
 *       (Env, Labels, Entrypoint, Cmd, Healthcheck, history {@code created_by} with {@code RUN} build arguments, and
 *       history comments).</li>
 * </ol>
 *
 * <h2>How a file is scanned</h2>
 * An Aho-Corasick automaton over all rules' keywords ({@code internal.KeywordIndex}) runs over the raw bytes once;
 * only rules whose keywords occur run their regex, and only on the lines around the keyword hits (built-in rules) or
 * the whole file (gitleaks rules, as in gitleaks). Candidates then pass the rule's entropy threshold, plausibility
 * checks (placeholders, variable references, identifiers that name ids or public keys), allowlists and
 * {@code gitleaks:allow} comments. Known vendor documentation examples ({@code AKIAIOSFODNN7EXAMPLE} ...) are
 * reported with severity LOW and the tag {@code example}. A regex that backtracks catastrophically on a file gives up
 * for that file with a warning instead of hanging the scan.
 *
 * <p>Implementation lives in {@code dev.bulwark.secret.internal} (engine, prefilter, RE2 translation, gitleaks
 * config loader) and {@code dev.bulwark.secret.internal.rules} (the built-in rules); nothing there is API.
 */
package dev.bulwark.secret;
