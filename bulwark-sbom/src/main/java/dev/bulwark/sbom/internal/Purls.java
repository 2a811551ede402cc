package dev.bulwark.sbom.internal;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import java.util.TreeMap;

/**
 * Package URLs (purl spec) built with packageurl-java. OS packages carry the distribution as a qualifier
 * ({@code distro=debian-12}, {@code distro=3.20.3} for Alpine, as Trivy writes them) and the epoch as its own
 * qualifier, the version without it, as the purl spec asks for deb and rpm.
 */
public final class Purls {

    private Purls() {
    }

    /** The purl of a language package, or {@code null} when the name cannot form one. */
    public static String of(String type, String namespace, String name, String version) {
        return build(type, namespace, name, version, null);
    }

    /** The purl of a language package with qualifiers. */
    public static String of(String type, String namespace, String name, String version,
                            TreeMap<String, String> qualifiers) {
        return build(type, namespace, name, version, qualifiers);
    }

    /** The purl of an OS package of {@code os} (which may be {@code null}: then without distribution). */
    public static String ofOsPackage(Package p, OperatingSystem os) {
        TreeMap<String, String> qualifiers = new TreeMap<>();
        if (p.arch() != null && !p.arch().isEmpty()) {
            qualifiers.put("arch", p.arch());
        }
        String version = p.version();
        String namespace;
        switch (p.type()) {
            case DEB, RPM -> {
                int colon = version.indexOf(':');
                if (colon > 0 && version.substring(0, colon).chars().allMatch(Character::isDigit)) {
                    qualifiers.put("epoch", version.substring(0, colon));
                    version = version.substring(colon + 1);
                }
                namespace = os != null ? os.family() : (p.type() == dev.bulwark.core.PackageType.DEB ? "debian"
                        : null);
                if (os != null) {
                    qualifiers.put("distro", os.family() + "-" + os.versionId());
                }
            }
            case APK -> {
                namespace = os != null ? os.family() : "alpine";
                if (os != null) {
                    qualifiers.put("distro", os.versionId());
                }
            }
            default -> throw new IllegalArgumentException("not an OS package: " + p.type());
        }
        return build(p.type().purlType(), namespace, p.name(), version, qualifiers);
    }

    private static String build(String type, String namespace, String name, String version,
                                TreeMap<String, String> qualifiers) {
        try {
            return new PackageURL(type, namespace, name, version, qualifiers == null || qualifiers.isEmpty() ? null
                    : qualifiers, null).canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
