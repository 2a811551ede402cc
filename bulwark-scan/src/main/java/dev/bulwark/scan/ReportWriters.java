package dev.bulwark.scan;

import dev.bulwark.core.UsageException;
import dev.bulwark.sbom.SbomFormat;
import dev.bulwark.scan.report.CycloneDxReportWriter;
import dev.bulwark.scan.report.JUnitWriter;
import dev.bulwark.scan.report.JsonWriter;
import dev.bulwark.scan.report.SarifWriter;
import dev.bulwark.scan.report.SbomReportWriter;
import dev.bulwark.scan.report.TableWriter;
import dev.bulwark.scan.report.TemplateWriter;
import java.util.List;

/** The report writer for each {@code --format} value. */
public final class ReportWriters {

    /** Every format, in help order. */
    public static final List<String> FORMATS = List.of("table", "json", "sarif", "cyclonedx", "spdx-json", "junit",
            "template");

    private ReportWriters() {
    }

    /**
     * The writer for {@code format}.
     *
     * @throws UsageException for an unknown format, or {@code template} without a template file
     */
    public static ReportWriter forFormat(String format, ReportOptions options) {
        return switch (format) {
            case "table" -> new TableWriter(options);
            case "json" -> new JsonWriter();
            case "sarif" -> new SarifWriter();
            case "cyclonedx" -> new CycloneDxReportWriter();
            case "cyclonedx-xml" -> new SbomReportWriter(SbomFormat.CYCLONEDX_XML);
            case "spdx-json" -> new SbomReportWriter(SbomFormat.SPDX_JSON);
            case "junit" -> new JUnitWriter();
            case "template" -> {
                if (options.template() == null) {
                    throw new UsageException("--format template", "needs --template FILE");
                }
                yield TemplateWriter.load(options.template());
            }
            default -> throw new UsageException("--format", "unknown format '" + format + "' (expected one of "
                    + String.join(", ", FORMATS) + ")");
        };
    }
}
