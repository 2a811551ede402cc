package dev.bulwark.scan;

import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.scan.report.PackageTableWriter;
import dev.bulwark.scan.report.SbomReportWriter;
import java.time.Instant;
import java.util.Optional;

/** The report writer for each {@code --format} value this build supports. */
public final class ReportWriters {

    private ReportWriters() {
    }

    /**
     * The writer for {@code format}, or empty when this build has none yet.
     *
     * @param toolVersion Bulwark's version, recorded in SBOMs
     * @param now the time recorded in SBOMs
     */
    public static Optional<ReportWriter> forFormat(String format, String toolVersion, Instant now) {
        return switch (format) {
            case "table" -> Optional.of(new PackageTableWriter());
            case "cyclonedx" -> Optional.of(new SbomReportWriter(SbomFormat.CYCLONEDX_JSON, toolVersion, now));
            case "cyclonedx-xml" -> Optional.of(new SbomReportWriter(SbomFormat.CYCLONEDX_XML, toolVersion, now));
            case "spdx-json" -> Optional.of(new SbomReportWriter(SbomFormat.SPDX_JSON, toolVersion, now));
            default -> Optional.empty();
        };
    }
}
