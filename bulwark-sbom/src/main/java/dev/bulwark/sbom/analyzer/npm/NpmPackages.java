package dev.bulwark.sbom.analyzer.npm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.Location;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import dev.bulwark.sbom.internal.Purls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** npm package records and purls ({@code @scope/name} becomes namespace {@code @scope}). */
final class NpmPackages {

    private NpmPackages() {
    }

    static Package of(String name, String version, List<String> licenses, Location location) {
        String namespace = null;
        String simple = name;
        if (name.startsWith("@") && name.indexOf('/') > 0) {
            namespace = name.substring(0, name.indexOf('/'));
            simple = name.substring(name.indexOf('/') + 1);
        }
        return new Package(PackageType.NPM, name, version, null, null, null,
                Purls.of("npm", namespace, simple, version), licenses, List.of(location), null, Map.of());
    }

    /** {@code "license": "MIT"}, {@code "license": {"type": "MIT"}} or {@code "licenses": [{"type": ...}]}. */
    static List<String> licenses(JsonNode manifest) {
        List<String> licenses = new ArrayList<>();
        JsonNode license = manifest.get("license");
        if (license != null && license.isTextual() && !license.asText().isBlank()) {
            licenses.add(license.asText());
        } else if (license != null && license.has("type")) {
            licenses.add(license.get("type").asText());
        }
        JsonNode many = manifest.get("licenses");
        if (many != null && many.isArray()) {
            for (JsonNode l : many) {
                String type = l.isTextual() ? l.asText() : l.path("type").asText("");
                if (!type.isBlank()) {
                    licenses.add(type);
                }
            }
        }
        return licenses;
    }
}
