package dev.bulwark.scan.report;

import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.sbom.SbomSubject;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;

/** CycloneDX or SPDX: the scan's inventory as an SBOM, the image as its subject. */
public final class SbomReportWriter implements ReportWriter {

    private final SbomFormat format;
    private final String toolVersion;
    private final Instant now;

    public SbomReportWriter(SbomFormat format, String toolVersion, Instant now) {
        this.format = format;
        this.toolVersion = toolVersion;
        this.now = now;
    }

    @Override
    public void write(ScanResult result, Writer out) throws IOException {
        var metadata = result.metadata();
        String name = !metadata.repoTags().isEmpty() && result.isImage() ? metadata.repoTags().getFirst()
                : result.target().name();
        SbomSubject subject = new SbomSubject(name, result.isImage() ? "container" : "filesystem",
                metadata.configDigest(), metadata.repoDigests(), metadata.layers(), toolVersion, now);
        format.write(subject, result.inventory(), out);
    }
}
