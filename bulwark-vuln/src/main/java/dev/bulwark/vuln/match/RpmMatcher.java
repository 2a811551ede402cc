package dev.bulwark.vuln.match;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvEvent;
import dev.bulwark.vuln.osv.OsvRange;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * RPM packages of the RHEL family. AlmaLinux (and Rocky) advisories name binary RPMs, so packages are looked up by
 * their own name and compared by {@code epoch:version-release} with the rpm order.
 *
 * <p>Two filters keep the data honest: bug-fix and enhancement advisories ({@code ALBA-}, {@code ALEA-}, also
 * {@code RLBA-}/{@code RLEA-}) are not vulnerabilities; and a modular package (release {@code .module_el8...}) is
 * compared only with modular fixes of its stream, a non-modular one only with non-modular fixes, since module
 * streams (nodejs:10 vs nodejs:12) are parallel version lines.
 *
 * @param ecosystems the ecosystems to search
 * @param borrowed true when the data is another rebuild's (AlmaLinux data for CentOS): its {@code .alma} release
 *     suffix is dropped from fixed versions
 */
public record RpmMatcher(List<String> ecosystems, boolean borrowed) implements Matcher {

    private static final Pattern NOT_SECURITY = Pattern.compile("(AL|RL)[BE]A-.*");
    private static final Pattern ALMA_SUFFIX = Pattern.compile("\\.alma(?:\\.\\d+)?(?=$|\\.)");
    private static final Pattern MODULE = Pattern.compile("\\.module[_+]el");
    private static final Pattern NUMERIC_STREAM = Pattern.compile("\\d+(?:\\.\\d+)*");

    public RpmMatcher {
        ecosystems = List.copyOf(ecosystems);
    }

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public Query query(Package pkg) {
        if (pkg.type() != PackageType.RPM || ecosystems.isEmpty()) {
            return null;
        }
        return new Query(ecosystems, List.of(pkg.name()), pkg.version(), VersionSchemes.RPM);
    }

    @Override
    public boolean applies(String advisoryId, OsvAffected entry, Package pkg) {
        if (NOT_SECURITY.matcher(advisoryId).matches()) {
            return false;
        }
        boolean installedModular = MODULE.matcher(pkg.version()).find();
        String stream = stream(pkg);
        for (OsvRange range : entry.ranges()) {
            for (OsvEvent e : range.events()) {
                if (e.kind() == OsvEvent.Kind.INTRODUCED) {
                    continue;
                }
                boolean fixModular = MODULE.matcher(e.version()).find();
                if (fixModular != installedModular) {
                    return false;
                }
                if (fixModular && stream != null && !upstreamVersion(e.version()).startsWith(stream)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The numeric module stream ({@code 3.6} of {@code python36:3.6:...}), or {@code null}. */
    private static String stream(Package pkg) {
        String label = pkg.properties().get("modularitylabel");
        if (label == null) {
            return null;
        }
        String[] parts = label.split(":");
        return parts.length >= 2 && NUMERIC_STREAM.matcher(parts[1]).matches() ? parts[1] : null;
    }

    private static String upstreamVersion(String evr) {
        String v = evr.substring(evr.indexOf(':') + 1);
        int dash = v.lastIndexOf('-');
        return dash < 0 ? v : v.substring(0, dash);
    }

    @Override
    public UnaryOperator<String> eventVersion() {
        return borrowed ? v -> ALMA_SUFFIX.matcher(v).replaceAll("") : UnaryOperator.identity();
    }
}
