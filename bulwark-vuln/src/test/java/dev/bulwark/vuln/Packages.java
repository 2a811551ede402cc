package dev.bulwark.vuln;

import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import java.util.List;
import java.util.Map;

/** Builds {@link Package}s for tests the way the inventory reports them. */
final class Packages {

    private Packages() {
    }

    static Package of(PackageType type, String name, String version) {
        return new Package(type, name, version, null, null, null, null, List.of(), List.of(), null, Map.of());
    }

    static Package withSource(PackageType type, String name, String version, String source, String sourceVersion) {
        return new Package(type, name, version, null, source, sourceVersion, null, List.of(), List.of(), null,
                Map.of());
    }

    static Package withProperties(PackageType type, String name, String version, Map<String, String> properties) {
        return new Package(type, name, version, null, null, null, null, List.of(), List.of(), null, properties);
    }
}
