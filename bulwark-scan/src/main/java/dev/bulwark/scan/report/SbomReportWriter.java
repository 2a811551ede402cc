package dev.bulwark.scan.report;

import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import java.io.IOException;
import java.io.Writer;

/** SPDX (and CycloneDX XML): the report's packages as an SBOM of bulwark-sbom's writers, the artifact as subject. */
public final class SbomReportWriter implements ReportWriter {

    private final SbomFormat format;

    public SbomReportWriter(SbomFormat format) {
        this.format = format;
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        format.write(ReportSbom.subject(report), ReportSbom.inventory(report), out);
    }
}
