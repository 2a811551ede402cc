package dev.bulwark.vuln.match;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.List;

/**
 * Debian and Ubuntu packages. Their advisories name source packages, so a binary package is looked up by its
 * {@code Source:} name and compared by the source version, with the dpkg order.
 */
public record DebMatcher(List<String> ecosystems) implements Matcher {

    public DebMatcher {
        ecosystems = List.copyOf(ecosystems);
    }

    @Override
    public String name() {
        return "deb";
    }

    @Override
    public Query query(Package pkg) {
        if (pkg.type() != PackageType.DEB || ecosystems.isEmpty()) {
            return null;
        }
        return new Query(ecosystems, List.of(pkg.sourceNameOrName()), pkg.sourceVersionOrVersion(),
                VersionSchemes.DPKG);
    }
}
