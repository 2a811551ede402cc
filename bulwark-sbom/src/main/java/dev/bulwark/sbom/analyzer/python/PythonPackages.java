package dev.bulwark.sbom.analyzer.python;

import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.internal.Purls;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** PyPI package records; purl names are normalised as PEP 503 and the purl spec ask (lower case, runs of -_. to -). */
final class PythonPackages {

    private PythonPackages() {
    }

    static Package of(String name, String version, List<String> licenses, Location location,
                      Map<String, String> properties) {
        String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        return new Package(PackageType.PYPI, name, version, null, null, null,
                Purls.of("pypi", null, normalized, version), licenses, List.of(location), null, properties);
    }
}
