package dev.bulwark.scan.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.scan.Report;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.Result;
import dev.bulwark.scan.Suppressed;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML, which CI dashboards (GitLab, Jenkins, Azure) render as test results: one {@code testsuite} per target
 * and one {@code testcase} per finding, as a {@code failure} (type = severity); suppressed findings are
 * {@code skipped} with the reason.
 */
public final class JUnitWriter implements ReportWriter {

    @Override
    public void write(Report report, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            long failures = report.findings().count();
            long skipped = report.results().stream().mapToLong(r -> r.suppressed().size()).sum();
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "bulwark " + report.artifact().name());
            xml.writeAttribute("tests", String.valueOf(failures + skipped));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeCharacters("\n");
            for (Result result : report.results()) {
                List<Finding> findings = result.findings().toList();
                if (findings.isEmpty() && result.suppressed().isEmpty()) {
                    continue;
                }
                xml.writeCharacters("  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", result.target() + (result.type().isEmpty() ? "" : " (" + result.type()
                        + ")"));
                xml.writeAttribute("tests", String.valueOf(findings.size() + result.suppressed().size()));
                xml.writeAttribute("failures", String.valueOf(findings.size()));
                xml.writeAttribute("errors", "0");
                xml.writeAttribute("skipped", String.valueOf(result.suppressed().size()));
                xml.writeCharacters("\n");
                for (Finding finding : findings) {
                    testcase(xml, result, finding);
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", Findings.title(finding));
                    xml.writeAttribute("type", finding.severity().name());
                    xml.writeCharacters(Findings.message(finding));
                    xml.writeEndElement();
                    xml.writeEndElement();
                    xml.writeCharacters("\n");
                }
                for (Suppressed s : result.suppressed()) {
                    testcase(xml, result, s.finding());
                    xml.writeEmptyElement("skipped");
                    xml.writeAttribute("message", "suppressed by " + s.source() + ": " + s.statement()
                            + (s.justification().isEmpty() ? "" : " (" + s.justification() + ")")
                            + (s.reason().isEmpty() ? "" : " " + s.reason()));
                    xml.writeEndElement();
                    xml.writeCharacters("\n");
                }
                xml.writeCharacters("  ");
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter xml, Result result, Finding finding) throws XMLStreamException {
        xml.writeCharacters("    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", result.target());
        String subject = finding instanceof VulnerabilityFinding v ? v.pkg().name() + " " + v.pkg().version()
                : finding.location().path();
        xml.writeAttribute("name", "[" + finding.severity() + "] " + finding.id() + " " + subject);
        xml.writeAttribute("time", "0");
    }
}
