package dev.bulwark.sbom.internal;

import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import java.util.List;
import java.util.Map;

/** A language package record with its purl, for analyzers whose ecosystems need no special naming. */
public final class LanguagePackages {

    private LanguagePackages() {
    }

    public static Package of(PackageType type, String namespace, String name, String version, Location location,
                             Map<String, String> properties) {
        String fullName = namespace == null ? name : namespace + "/" + name;
        return new Package(type, fullName, version, null, null, null,
                Purls.of(type.purlType(), namespace, name, version), List.of(), List.of(location), null, properties);
    }
}
