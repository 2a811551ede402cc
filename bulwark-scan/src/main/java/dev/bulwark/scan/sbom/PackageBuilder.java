package dev.bulwark.scan.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.bulwark.core.Location;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.PackageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one SBOM component (purl, name, version, source hints, licenses) into a {@link Package} the matchers
 * understand, whichever tool wrote it: package names per ecosystem come from the purl ({@code group:artifact} for
 * Maven, {@code @scope/name} for npm, the module path for Go), the rpm/deb epoch from the {@code epoch} qualifier,
 * the source package from Syft's {@code upstream} qualifier, Trivy's {@code aquasecurity:trivy:Src*} properties or
 * Bulwark's {@code bulwark:package:src*} properties.
 */
final class PackageBuilder {

    private PackageBuilder() {
    }

    /**
     * @param purl the package URL
     * @param properties name/value properties of the component (may be empty)
     * @param licenses declared licenses
     * @param where the SBOM file, recorded as the package's location
     * @return the package, or {@code null} when the purl's type is not one Bulwark matches
     * @throws IllegalArgumentException when the purl is malformed
     */
    static Package build(String purl, Map<String, String> properties, List<String> licenses, String where) {
        PackageURL url;
        try {
            url = new PackageURL(purl.trim());
        } catch (MalformedPackageURLException e) {
            throw new IllegalArgumentException("malformed purl '" + purl + "': " + e.getMessage(), e);
        }
        PackageType type;
        try {
            type = PackageType.fromPurlType(url.getType());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (url.getVersion() == null || url.getVersion().isBlank()) {
            return null;
        }
        Map<String, String> qualifiers = url.getQualifiers() == null ? Map.of() : url.getQualifiers();
        String namespace = url.getNamespace();
        String name = switch (type) {
            case MAVEN -> namespace == null ? url.getName() : namespace + ":" + url.getName();
            case NPM -> namespace == null ? url.getName() : namespace + "/" + url.getName();
            case GOLANG, COMPOSER -> namespace == null ? url.getName() : namespace + "/" + url.getName();
            default -> url.getName();
        };
        String version = url.getVersion();
        String epoch = qualifiers.get("epoch");
        if (epoch == null) {
            epoch = properties.get("aquasecurity:trivy:Epoch");
        }
        if (type.isOperatingSystem() && epoch != null && !epoch.isBlank() && !epoch.equals("0")
                && !version.contains(":")) {
            version = epoch + ":" + version;
        }
        String sourceName = null;
        String sourceVersion = null;
        if (type.isOperatingSystem()) {
            String upstream = qualifiers.get("upstream");
            if (upstream != null && !upstream.isBlank()) {
                int at = upstream.indexOf('@');
                sourceName = at > 0 ? upstream.substring(0, at) : upstream;
                sourceVersion = at > 0 ? upstream.substring(at + 1) : null;
            }
            String trivyName = properties.get("aquasecurity:trivy:SrcName");
            if (trivyName != null) {
                sourceName = trivyName;
                String v = properties.get("aquasecurity:trivy:SrcVersion");
                String release = properties.get("aquasecurity:trivy:SrcRelease");
                String srcEpoch = properties.get("aquasecurity:trivy:SrcEpoch");
                if (v != null) {
                    sourceVersion = (srcEpoch != null && !srcEpoch.equals("0") ? srcEpoch + ":" : "") + v
                            + (release != null && !release.isEmpty() ? "-" + release : "");
                }
            }
            if (properties.containsKey("bulwark:package:srcName")) {
                sourceName = properties.get("bulwark:package:srcName");
                sourceVersion = properties.get("bulwark:package:srcVersion");
            }
            if (sourceName != null && sourceName.equals(name)) {
                sourceName = null;
            }
            if (sourceVersion != null && sourceVersion.equals(version)) {
                sourceVersion = null;
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("sbom", where);
        return new Package(type, name, version, qualifiers.get("arch"), sourceName, sourceVersion, purl.trim(),
                licenses, List.of(new Location(where, null)), null, kept);
    }

    /** The distribution named by an OS package purl's {@code distro} qualifier ({@code debian-12}, {@code alpine-3.20.3}). */
    static OperatingSystem osFromPurls(List<Package> packages) {
        for (Package p : packages) {
            if (!p.type().isOperatingSystem() || p.purl() == null) {
                continue;
            }
            try {
                PackageURL url = new PackageURL(p.purl());
                String distro = url.getQualifiers() == null ? null : url.getQualifiers().get("distro");
                if (distro != null) {
                    int dash = distro.lastIndexOf('-');
                    if (dash > 0) {
                        return new OperatingSystem(distro.substring(0, dash).toLowerCase(Locale.ROOT),
                                distro.substring(dash + 1), null, null, null);
                    }
                    if (url.getNamespace() != null) {
                        return new OperatingSystem(url.getNamespace().toLowerCase(Locale.ROOT), distro, null, null,
                                null);
                    }
                }
            } catch (MalformedPackageURLException e) {
                // already parsed once; cannot happen
            }
        }
        return null;
    }

    /** An OS from an SBOM's operating-system component: family lower case, version as written. */
    static OperatingSystem os(String name, String version, String description) {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            return null;
        }
        return new OperatingSystem(name.trim().toLowerCase(Locale.ROOT), version.trim(), null, description, null);
    }

    static List<String> nonEmpty(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isBlank() && !v.equals("NOASSERTION") && !v.equals("NONE")) {
                out.add(v);
            }
        }
        return out;
    }
}
