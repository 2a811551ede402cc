package dev.bulwark.vuln.match;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.vuln.version.VersionSchemes;
import java.util.List;

/**
 * Alpine, Wolfi and Chainguard packages. Their advisories name the origin (source) package, which shares the binary
 * package's version; compared with the apk order.
 */
public record ApkMatcher(List<String> ecosystems) implements Matcher {

    public ApkMatcher {
        ecosystems = List.copyOf(ecosystems);
    }

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public Query query(Package pkg) {
        if (pkg.type() != PackageType.APK || ecosystems.isEmpty()) {
            return null;
        }
        return new Query(ecosystems, List.of(pkg.sourceNameOrName()), pkg.version(), VersionSchemes.APK);
    }
}
