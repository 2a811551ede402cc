package dev.bulwark.scan;

import dev.bulwark.config.ConfigReport;
import dev.bulwark.config.ConfigScan;
import dev.bulwark.config.ConfigScanOptions;
import dev.bulwark.config.ConfigScanner;
import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.Package;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.image.FileIndex;
import dev.bulwark.image.FileView;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.LayerVisitor;
import dev.bulwark.image.LayerVisitors;
import dev.bulwark.sbom.Analyzers;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.InventoryVisitor;
import dev.bulwark.sbom.PackageAnalyzer;
import dev.bulwark.scan.internal.BaseImages;
import dev.bulwark.scan.internal.ConfigLayerVisitor;
import dev.bulwark.scan.internal.ResultAssembler;
import dev.bulwark.scan.internal.SecretLayerVisitor;
import dev.bulwark.secret.SecretRuleSet;
import dev.bulwark.secret.SecretScanOptions;
import dev.bulwark.secret.SecretScanner;
import dev.bulwark.vuln.VulnDatabase;
import dev.bulwark.vuln.VulnerabilityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * One scan in one pass: opens the target through {@link ImageOpener}, walks its layers once with the
 * {@link FileIndex}, the package inventory, the secret scanner and the configuration scanner composed, judges the
 * per-layer results against the final filesystem (deleted later? hidden?), then matches the inventory against the
 * vulnerability database and groups everything into a {@link Report}.
 */
public final class ScanPipeline {

    private final ImageOpener opener;
    private final Path tempDir;

    /**
     * @param opener opens images, root filesystems and directories
     * @param tempDir spool directory inside the cache directory
     */
    public ScanPipeline(ImageOpener opener, Path tempDir) {
        this.opener = opener;
        this.tempDir = tempDir;
    }

    /**
     * Runs the selected scanners over {@code target} and builds the report (unfiltered: filters, suppressions and
     * gates are applied by {@link ReportFilter}).
     *
     * @throws DatabaseException when the vulnerability scanner is selected and the database is missing or invalid
     *     (checked before any layer is read: after the image's metadata for images opened at once, before the
     *     decompression of a compressed archive, which happens during the walk)
     */
    public Report scan(ScanTarget target, ScanSettings settings) {
        // Opening the database and compiling the secret rules need no image: they run while the image is opened (a
        // compressed archive, decompressed during the walk, while its first layers are read). Errors keep their order:
        // the image's first, then the database's, except that a compressed archive's are found only in the walk.
        CompletableFuture<VulnDatabase> openingDatabase = settings.runs(Scanner.VULN)
                ? inBackground(() -> openDatabase(settings.cacheDir())) : CompletableFuture.completedFuture(null);
        CompletableFuture<SecretScanner> compilingSecrets = settings.runs(Scanner.SECRET)
                ? inBackground(() -> secretScanner(settings)) : CompletableFuture.completedFuture(null);
        Image opened;
        try {
            opened = open(target);
        } catch (IOException e) {
            closeWhenOpened(openingDatabase);
            throw new InputException(target.name(), "cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException | Error e) {
            closeWhenOpened(openingDatabase);
            throw e;
        }
        try (Image image = opened; VulnDatabase database = await(openingDatabase)) {
            boolean isImage = isImage(target);
            SecretScanner secretScanner = await(compilingSecrets);
            ConfigScanner configScanner = settings.runs(Scanner.MISCONFIG)
                    ? ConfigScanner.create(ConfigScanOptions.defaults()) : null;
            // A compressed archive may be walked while it is still being decompressed, and then walked again with
            // fresh consumers when its manifest contradicts what was guessed (Image#walk(Supplier)).
            Consumers consumers = image.walk(() -> new Consumers(target, settings, secretScanner, configScanner));
            ImageMetadata metadata = image.metadata();
            FileIndex index = consumers.index;
            InventoryVisitor inventoryVisitor = consumers.inventory;
            SecretLayerVisitor secrets = consumers.secrets;
            ConfigLayerVisitor configs = consumers.configs;

            FileView view = index.view();
            Inventory inventory = relative(target, inventoryVisitor.inventory(view, metadata.layers()));
            List<String> warnings = new ArrayList<>(inventory.warnings());

            List<SecretFinding> secretFindings = new ArrayList<>();
            if (secrets != null) {
                secretFindings.addAll(judgeSecrets(target, secrets.results(), view, metadata.layers()));
                if (isImage) {
                    secretFindings.addAll(secretScanner.scanImageConfig(metadata.config()).stream()
                            .map(s -> withSecretLocation(s, Location.of(ResultAssembler.IMAGE_CONFIG), true))
                            .toList());
                }
            }
            List<Misconfiguration> misconfigurations = new ArrayList<>();
            if (configScanner != null) {
                misconfigurations.addAll(misconfigurations(target, configScanner, configs, view, metadata,
                        warnings));
            }
            List<VulnerabilityFinding> vulnerabilities = database == null ? List.of()
                    : new VulnerabilityMatcher(database).match(inventory.os(), inventory.packages());

            Artifact.BaseImage base = isImage
                    ? BaseImages.resolve(metadata, settings.baseImage(), opener, warnings::add) : null;
            Artifact artifact = artifact(target, metadata, inventory, base);
            List<Result> results = ResultAssembler.assemble(artifact.name(), inventory.os(), inventory.packages(),
                    vulnerabilities, secretFindings, misconfigurations);
            return new Report(Report.SCHEMA_VERSION, settings.toolVersion(), settings.now(), artifact, results,
                    inventory.relationships(), warnings);
        } catch (IOException e) {
            throw new InputException(target.name(), "cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The consumers of one walk, composed into one visitor. */
    private final class Consumers implements LayerVisitor {
        private final FileIndex index = new FileIndex();
        private final InventoryVisitor inventory;
        private final SecretLayerVisitor secrets;
        private final ConfigLayerVisitor configs;
        private final LayerVisitor composed;

        Consumers(ScanTarget target, ScanSettings settings, SecretScanner secretScanner,
                  ConfigScanner configScanner) {
            inventory = new InventoryVisitor(analyzers(target), tempDir);
            List<LayerVisitor> visitors = new ArrayList<>(List.of(index, inventory));
            secrets = secretScanner == null ? null : new SecretLayerVisitor(secretScanner, settings.layerCache());
            if (secrets != null) {
                visitors.add(secrets);
            }
            configs = configScanner == null || target instanceof ScanTarget.SourceDirectory ? null
                    : new ConfigLayerVisitor(configScanner, settings.layerCache());
            if (configs != null) {
                visitors.add(configs);
            }
            composed = LayerVisitors.compose(tempDir, visitors);
        }

        @Override
        public dev.bulwark.image.EntryVisitor layer(LayerRef layer) {
            return composed.layer(layer);
        }
    }

    private static void closeWhenOpened(CompletableFuture<VulnDatabase> openingDatabase) {
        openingDatabase.thenAccept(database -> {
            if (database != null) {
                database.close();
            }
        });
    }

    private static <T> CompletableFuture<T> inBackground(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, work -> Thread.ofPlatform().daemon().name("bulwark-init")
                .start(work));
    }

    /** The future's value, or the exception it failed with, as thrown by its task. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw e;
            }
        }
    }

    private static SecretScanner secretScanner(ScanSettings settings) {
        if (settings.secretConfig() == null) {
            return SecretScanner.withBuiltInRules();
        }
        SecretRuleSet rules = SecretRuleSet.loadGitleaksConfig(settings.secretConfig());
        return SecretScanner.create(rules, SecretScanOptions.defaults());
    }

    /**
     * Opens the vulnerability database; a missing one is explained with the commands that create it.
     */
    public static VulnDatabase openDatabase(Path cacheDir) {
        Path file = VulnDatabase.file(cacheDir);
        if (!Files.exists(file)) {
            throw new DatabaseException(file.toString(), "no vulnerability database; create it with "
                    + "'bulwark db update' (downloads OSV advisories) or 'bulwark db import DIR' (e.g. 'bulwark db "
                    + "import ../shared/corpus/advisories'), or scan with --scanners secret,misconfig");
        }
        return VulnDatabase.open(cacheDir);
    }

    private static List<SecretFinding> judgeSecrets(ScanTarget target, Map<Integer, List<SecretFinding>> perLayer,
                                                    FileView view, List<LayerRef> layers) {
        List<SecretFinding> out = new ArrayList<>();
        for (List<SecretFinding> findings : perLayer.values()) {
            for (SecretFinding s : findings) {
                LayerRef layer = s.location().layer();
                boolean inFinal = layer == null || view.isVisible(s.location().path(), layer.index());
                Location location = target instanceof ScanTarget.SourceDirectory
                        ? new Location(stripRoot(s.location().path()), null) : withImageLayer(s.location(), layers);
                out.add(withSecretLocation(s, location, inFinal));
            }
        }
        return out;
    }

    /**
     * The location with the image's own record of its layer: a layer read while a compressed archive streamed in was
     * known by index and diffID only, not yet by the history that created it (the inventory does the same by index).
     */
    private static Location withImageLayer(Location location, List<LayerRef> layers) {
        LayerRef layer = location.layer();
        return layer == null || layer.index() >= layers.size() ? location
                : new Location(location.path(), layers.get(layer.index()));
    }

    private static SecretFinding withSecretLocation(SecretFinding s, Location location, boolean inFinalImage) {
        return new SecretFinding(s.ruleId(), s.category(), s.title(), s.severity(), location, s.startLine(),
                s.endLine(), s.redactedMatch(), s.redactedLine(), inFinalImage, s.tags());
    }

    private List<Misconfiguration> misconfigurations(ScanTarget target, ConfigScanner scanner,
                                                     ConfigLayerVisitor configs, FileView view,
                                                     ImageMetadata metadata, List<String> warnings) {
        List<Misconfiguration> out = new ArrayList<>();
        if (target instanceof ScanTarget.SourceDirectory directory) {
            ConfigScan scan = scanner.newScan();
            scan.addPath(directory.directory(), "");
            ConfigReport report = scan.finish();
            report.errors().forEach(e -> warnings.add(e.toString()));
            out.addAll(report.findings());
            return out;
        }
        for (List<Misconfiguration> findings : configs.results().values()) {
            for (Misconfiguration m : findings) {
                LayerRef layer = m.location().layer();
                if (layer == null || view.isVisible(m.location().path(), layer.index())) {
                    // a deleted Dockerfile configures nothing
                    out.add(new Misconfiguration(m.checkId(), m.aliases(), m.title(), m.severity(),
                            withImageLayer(m.location(), metadata.layers()), m.startLine(), m.endLine(), m.resource(),
                            m.message(), m.resolution(), m.references()));
                }
            }
        }
        if (isImage(target)) {
            ConfigScan scan = scanner.newScan();
            scan.addImageConfig(metadata.config(), ResultAssembler.IMAGE_CONFIG);
            out.addAll(scan.finish().findings());
        }
        return out;
    }

    private static Artifact artifact(ScanTarget target, ImageMetadata metadata, Inventory inventory,
                                     Artifact.BaseImage base) {
        Artifact.Type type = switch (target) {
            case ScanTarget.ImageFile f -> Artifact.Type.CONTAINER_IMAGE;
            case ScanTarget.ImageReference r -> Artifact.Type.CONTAINER_IMAGE;
            case ScanTarget.RootFilesystem r -> Artifact.Type.ROOTFS;
            case ScanTarget.SourceDirectory d -> Artifact.Type.FILESYSTEM;
        };
        int baseLayers = base == null ? 0 : base.layers();
        List<Artifact.Layer> layers = metadata.layers().stream().map(l -> new Artifact.Layer(l.index(), l.diffId(),
                l.digest(), l.createdBy(), l.index() < baseLayers)).toList();
        return new Artifact(target.name(), type, metadata.repoTags(), metadata.repoDigests(),
                metadata.configDigest(), metadata.manifestDigest(), inventory.os(), layers, base);
    }

    private static boolean isImage(ScanTarget target) {
        return target instanceof ScanTarget.ImageFile || target instanceof ScanTarget.ImageReference;
    }

    private static List<PackageAnalyzer> analyzers(ScanTarget target) {
        return target instanceof ScanTarget.SourceDirectory ? Analyzers.forDirectories() : Analyzers.forImages();
    }

    private Image open(ScanTarget target) throws IOException {
        return switch (target) {
            case ScanTarget.ImageFile file -> opener.openFile(file.path());
            case ScanTarget.ImageReference reference -> opener.openReference(reference.reference());
            case ScanTarget.RootFilesystem rootfs -> opener.openRootfs(rootfs.directory());
            case ScanTarget.SourceDirectory directory -> opener.openRootfs(directory.directory());
        };
    }

    private static Inventory relative(ScanTarget target, Inventory inventory) {
        return target instanceof ScanTarget.SourceDirectory ? relativeToDirectory(inventory) : inventory;
    }

    private static String stripRoot(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** A source tree's paths are shown relative to it ({@code app/package-lock.json}), as users wrote them. */
    private static Inventory relativeToDirectory(Inventory inventory) {
        List<Package> packages = inventory.packages().stream().map(p -> new Package(p.type(), p.name(),
                p.version(), p.arch(), p.sourceName(), p.sourceVersion(), p.purl(), p.licenses(),
                p.locations().stream().map(l -> new Location(stripRoot(l.path()), null)).toList(), null,
                p.properties())).toList();
        return new Inventory(inventory.os(), packages, inventory.relationships(), inventory.warnings());
    }
}
