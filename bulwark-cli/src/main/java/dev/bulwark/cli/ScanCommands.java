package dev.bulwark.cli;

import dev.bulwark.image.ImageOpener;
import dev.bulwark.image.LayerCache;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ScanPipeline;
import dev.bulwark.scan.ScanSettings;
import dev.bulwark.scan.ScanTarget;
import dev.bulwark.scan.Scanner;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code image}, {@code rootfs} and {@code fs} share: run the pipeline, then report and gate. */
final class ScanCommands {

    private static final Logger LOG = LoggerFactory.getLogger(ScanCommands.class);

    private ScanCommands() {
    }

    static int scan(BulwarkCommand root, ImageOpener opener, ScanTarget target, ScannerOptions scannerOptions,
                    LayerCache cache, String baseImage, String format, ScanReporting reporting) {
        Set<Scanner> scanners = scannerOptions.selected(format);
        ScanSettings settings = new ScanSettings(scanners, cache, root.cacheDir(), baseImage,
                VersionInfo.bulwarkVersion(), Instant.now(),
                scannerOptions.secretConfig == null ? null : root.resolve(scannerOptions.secretConfig));
        Report report = new ScanPipeline(opener, root.cacheDir().resolve("tmp")).scan(target, settings);
        LOG.info("{}: {} layers, {} packages, {} findings", target.name(), report.artifact().layers().size(),
                report.packages().size(), report.findings().count());
        return reporting.finish(report);
    }
}
