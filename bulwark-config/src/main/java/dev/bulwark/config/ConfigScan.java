package dev.bulwark.config;

import dev.bulwark.config.internal.cel.CelEngine;
import dev.bulwark.config.internal.cel.PolicyObjects;
import dev.bulwark.config.internal.check.CheckResults;
import dev.bulwark.config.internal.check.InputFiles;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.Dockerfile;
import dev.bulwark.config.internal.dockerfile.DockerfileChecker;
import dev.bulwark.config.internal.dockerfile.DockerfileParser;
import dev.bulwark.config.internal.dockerfile.DockerfileSyntaxException;
import dev.bulwark.config.internal.kubernetes.ClusterView;
import dev.bulwark.config.internal.kubernetes.KubernetesChecker;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.bulwark.config.internal.kubernetes.ManifestFile;
import dev.bulwark.config.internal.kubernetes.ManifestReader;
import dev.bulwark.config.internal.kubernetes.Manifests;
import dev.bulwark.config.internal.kubernetes.TypedModels;
import dev.bulwark.core.ImageConfig;
import dev.bulwark.core.Location;
import dev.bulwark.core.Misconfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One scan in progress: add files, directories, streams and image configs, then {@link #finish()}. A file that cannot
 * be read or parsed becomes a {@link FileError} and the scan goes on. Not thread-safe.
 */
public final class ConfigScan {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn", "node_modules");

    /** One input's results and what cross-resource checks need from it. */
    private record Input(CheckResults results, FileType type, List<String> lines) {
    }

    private final ConfigScanner scanner;
    private final List<Input> inputs = new ArrayList<>();
    private final List<FileError> errors = new ArrayList<>();
    private final List<KubernetesResource> resources = new ArrayList<>();
    private final Map<KubernetesResource, Input> inputOf = new IdentityHashMap<>();

    private final boolean resourcesOnly;

    ConfigScan(ConfigScanner scanner) {
        this(scanner, false);
    }

    /** A scan that only collects Kubernetes resources (for RBAC queries), running no checks. */
    ConfigScan(ConfigScanner scanner, boolean resourcesOnly) {
        this.scanner = scanner;
        this.resourcesOnly = resourcesOnly;
    }

    /** The Kubernetes resources read so far that fit their schema. */
    List<KubernetesResource> resources() {
        return List.copyOf(resources);
    }

    /** The errors so far. */
    List<FileError> errors() {
        return List.copyOf(errors);
    }

    /** True when {@code path}'s name marks a file this scanner reads (cheap; content is checked on {@code add}). */
    public static boolean accepts(String path) {
        return InputFiles.typeByName(path) != null;
    }

    /**
     * Adds a file or, for a directory, every accepted file below it (symbolic links are not followed; {@code .git}
     * and {@code node_modules} are skipped). Files below a directory are shown relative to it; YAML and JSON files
     * there that hold no Kubernetes objects are skipped silently, while a file named explicitly must be one.
     */
    public void addPath(Path path) {
        addPath(path, path.toString());
    }

    /**
     * Like {@link #addPath(Path)}, naming the input {@code displayPath} in findings (files below a directory become
     * {@code displayPath/relative/path}).
     */
    public void addPath(Path path, String displayPath) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            walk(path, displayPath);
        } else {
            addFile(path, displayPath, true);
        }
    }

    private void walk(Path root, String displayRoot) {
        String prefix = displayRoot.isEmpty() || displayRoot.equals(".") ? ""
                : displayRoot.endsWith("/") ? displayRoot : displayRoot + "/";
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(String.valueOf(dir.getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && accepts(file.getFileName().toString())) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    errors.add(new FileError(Location.of(prefix + relative(root, file)), "cannot read: " + describe(e)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(new FileError(Location.of(displayRoot), "cannot read directory: " + describe(e)));
        }
        found.sort(Comparator.comparing(Path::toString));
        for (Path file : found) {
            addFile(file, prefix + relative(root, file), false);
        }
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private void addFile(Path file, String displayPath, boolean explicit) {
        try (InputStream in = Files.newInputStream(file)) {
            add(displayPath, in, explicit);
        } catch (IOException e) {
            errors.add(new FileError(Location.of(displayPath), "cannot read: " + describe(e)));
        }
    }

    /**
     * Adds one file's content, typed by {@code path}'s name (and, for unknown names, by content).
     *
     * @param path the path to show in findings
     * @param content the file content; read up to the size limit, not closed
     */
    public void add(String path, InputStream content) {
        try {
            add(path, content, true);
        } catch (IOException e) {
            errors.add(new FileError(Location.of(path), "cannot read: " + describe(e)));
        }
    }

    private void add(String path, InputStream content, boolean explicit) throws IOException {
        FileType type = InputFiles.typeByName(path);
        String text;
        try {
            text = InputFiles.readText(content, scanner.options().maxFileBytes());
        } catch (InputFiles.FileTooLargeException e) {
            errors.add(new FileError(Location.of(path), e.getMessage()));
            return;
        }
        if (type == null && InputFiles.looksLikeDockerfile(text)) {
            type = FileType.DOCKERFILE;
        }
        if (type == FileType.DOCKERFILE) {
            addDockerfile(path, text);
        } else if (type == FileType.KUBERNETES) {
            addManifest(path, text, explicit);
        } else if (explicit) {
            errors.add(new FileError(Location.of(path), "not a Dockerfile or Kubernetes manifest"));
        }
    }

    private void addDockerfile(String path, String text) {
        Location location = Location.of(path);
        Dockerfile dockerfile;
        try {
            dockerfile = DockerfileParser.parse(text);
        } catch (DockerfileSyntaxException e) {
            errors.add(new FileError(location, "not a valid Dockerfile: " + e.getMessage()));
            return;
        }
        for (DockerfileSyntaxException problem : dockerfile.problems()) {
            errors.add(new FileError(location, "Dockerfile " + problem.getMessage()
                    + " (the line was skipped; the rest of the file was checked)"));
        }
        if (dockerfile.instructions().isEmpty()) {
            errors.add(new FileError(location, "the Dockerfile has no instructions"));
            return;
        }
        CheckResults fileResults = new CheckResults(location);
        scanner.dockerfiles().check(dockerfile, false, scanner.filter(), fileResults);
        if (scanner.hasCustomPolicies()) {
            evaluateCustom(FileType.DOCKERFILE, PolicyObjects.of(dockerfile), dockerfile.instructions().getFirst()
                    .startLine(), dockerfile.instructions().getLast().endLine(), fileResults,
                    (check, violations) -> DockerfileChecker.unsilenced(dockerfile, check, violations));
        }
        inputs.add(new Input(fileResults, FileType.DOCKERFILE, List.of()));
    }

    private void addManifest(String path, String text, boolean explicit) {
        Location location = Location.of(path);
        boolean json = path.toLowerCase(Locale.ROOT).endsWith(".json");
        ManifestFile manifest = ManifestReader.read(text, json);
        List<KubernetesResource> found = Manifests.resources(manifest, location);
        if (manifest.error() != null) {
            String hint = text.contains("{{") ? " (this looks like a Helm template; render it with 'helm template' "
                    + "and scan the output)" : "";
            String kept = found.isEmpty() ? "" : " (the " + found.size() + " resources before it were checked)";
            errors.add(new FileError(location, manifest.error().getMessage() + hint + kept));
        } else if (found.isEmpty()) {
            if (explicit) {
                errors.add(new FileError(location, "no Kubernetes objects (apiVersion and kind) in the file"));
            }
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        Input input = new Input(new CheckResults(location), FileType.KUBERNETES, text.lines().toList());
        inputs.add(input);
        if (resourcesOnly) {
            for (KubernetesResource resource : found) {
                String problem = TypedModels.schemaProblem(resource);
                if (problem == null) {
                    resources.add(resource);
                    inputOf.put(resource, input);
                } else {
                    errors.add(new FileError(location, resource.id() + " (line " + resource.startLine() + ") "
                            + problem + "; the resource was skipped"));
                }
            }
            return;
        }
        KubernetesChecker checker = scanner.kubernetes();
        for (KubernetesResource resource : found) {
            if (checker.check(resource, input.lines(), scanner.filter(), input.results(),
                    message -> errors.add(new FileError(location, message)))) {
                resources.add(resource);
                inputOf.put(resource, input);
            }
        }
    }

    /**
     * Adds a built image's config (runtime settings and history).
     *
     * @param config the config
     * @param target how to name it in findings, e.g. {@code alpine:3.20 (image config)}
     */
    public void addImageConfig(ImageConfig config, String target) {
        CheckResults configResults = new CheckResults(Location.of(target));
        scanner.imageConfigs().check(config, scanner.filter(), configResults);
        if (scanner.hasCustomPolicies()) {
            evaluateCustom(FileType.IMAGE_CONFIG, PolicyObjects.of(config), 0, 0, configResults, (check, v) -> v);
        }
        inputs.add(new Input(configResults, FileType.IMAGE_CONFIG, List.of()));
    }

    /**
     * Runs the custom policies written for {@code type} on {@code object}; a failure spans the whole input (lines
     * {@code startLine}-{@code endLine}, 0 when it has none) and {@code unsilenced} drops what inline pragmas silence.
     */
    private void evaluateCustom(FileType type, Object object, int startLine, int endLine, CheckResults results,
                                BiFunction<CheckDescriptor, List<Violation>, List<Violation>> unsilenced) {
        for (CelEngine.CompiledPolicy policy : scanner.kubernetes().policies()) {
            if (!policy.appliesTo(type) || !scanner.filter().enabled(policy.descriptor())) {
                continue;
            }
            CelEngine.Outcome outcome = policy.evaluate(object, startLine, endLine, "");
            if (outcome.error() != null) {
                errors.add(new FileError(results.location(), outcome.error()));
            } else {
                results.record(policy.descriptor(), unsilenced.apply(policy.descriptor(), outcome.violations()));
            }
        }
    }

    /** Runs the cross-file checks and returns everything found. */
    public ConfigReport finish() {
        if (!resources.isEmpty()) {
            ClusterView cluster = new ClusterView(resources);
            scanner.kubernetes().checkCluster(cluster, scanner.filter(), r -> inputOf.get(r).results(),
                    r -> inputOf.get(r).lines());
            for (String problem : cluster.problems()) {
                int colon = problem.indexOf(": ");
                errors.add(new FileError(Location.of(problem.substring(0, colon)), problem.substring(colon + 2)));
            }
        }
        List<Misconfiguration> findings = new ArrayList<>();
        List<CheckOutcome> outcomes = new ArrayList<>();
        List<FileSummary> files = new ArrayList<>();
        for (Input input : inputs) {
            CheckResults checked = input.results();
            findings.addAll(checked.findings());
            outcomes.addAll(checked.outcomes());
            files.add(new FileSummary(checked.location(), input.type(), checked.passed(), checked.failed()));
        }
        findings.sort(Comparator.comparing((Misconfiguration m) -> m.location().path())
                .thenComparingInt(Misconfiguration::startLine)
                .thenComparing(Misconfiguration::checkId));
        return new ConfigReport(findings, files, errors, outcomes);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
