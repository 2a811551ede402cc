package dev.bulwark.scan.report;

import dev.bulwark.core.Package;
import dev.bulwark.scan.ReportWriter;
import dev.bulwark.scan.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The package list as a plain table for people: a header with the target and distribution, counts per type, then
 * one row per package with its layer (1-based, as {@code docker history} counts) and file.
 */
public final class PackageTableWriter implements ReportWriter {

    @Override
    public void write(ScanResult result, Writer out) throws IOException {
        var inventory = result.inventory();
        StringBuilder text = new StringBuilder();
        text.append(result.target().name());
        if (inventory.os() != null) {
            text.append(" (").append(inventory.os().family()).append(' ').append(inventory.os().versionId())
                    .append(')');
        }
        text.append('\n');
        Map<String, Integer> counts = new TreeMap<>();
        inventory.packages().forEach(p -> counts.merge(p.type().purlType(), 1, Integer::sum));
        text.append("Packages: ").append(inventory.packages().size());
        if (!counts.isEmpty()) {
            text.append(" (");
            counts.forEach((type, n) -> text.append(type).append(' ').append(n).append(", "));
            text.setLength(text.length() - 2);
            text.append(')');
        }
        text.append("\n\n");
        int nameWidth = 4;
        int versionWidth = 7;
        for (Package p : inventory.packages()) {
            nameWidth = Math.max(nameWidth, p.name().length());
            versionWidth = Math.max(versionWidth, p.version().length());
        }
        String format = "%-7s  %-" + nameWidth + "s  %-" + versionWidth + "s  %-5s  %s%n";
        text.append(String.format(format, "TYPE", "NAME", "VERSION", "LAYER", "PATH"));
        for (Package p : inventory.packages()) {
            text.append(String.format(format, p.type().purlType(), p.name(), p.version(),
                    p.layer() == null ? "-" : String.valueOf(p.layer().index() + 1),
                    p.path() == null ? "" : p.path()));
        }
        if (!inventory.warnings().isEmpty()) {
            text.append('\n').append("Warnings: ").append(inventory.warnings().size()).append('\n');
            inventory.warnings().forEach(w -> text.append("  ").append(w).append('\n'));
        }
        out.write(text.toString());
    }
}
