package dev.bulwark.core;

import java.util.Locale;

/**
 * The packaging system a package belongs to. The names are package-url types (purl spec), so they serve as
 * {@code --pkg-types} values and in reports as they are.
 */
public enum PackageType {
    DEB("deb", true),
    APK("apk", true),
    RPM("rpm", true),
    MAVEN("maven", false),
    NPM("npm", false),
    PYPI("pypi", false),
    GOLANG("golang", false),
    CARGO("cargo", false),
    GEM("gem", false),
    COMPOSER("composer", false),
    NUGET("nuget", false),
    HEX("hex", false),
    GENERIC("generic", false);

    private final String purlType;
    private final boolean operatingSystem;

    PackageType(String purlType, boolean operatingSystem) {
        this.purlType = purlType;
        this.operatingSystem = operatingSystem;
    }

    /** The package-url type, e.g. {@code deb} or {@code maven}. */
    public String purlType() {
        return purlType;
    }

    /** True for packages managed by the distribution's package manager (dpkg, apk, rpm). */
    public boolean isOperatingSystem() {
        return operatingSystem;
    }

    /** Parses a purl type name case-insensitively ({@code go} is accepted for {@code golang}). */
    public static PackageType fromPurlType(String type) {
        String key = type.toLowerCase(Locale.ROOT);
        if (key.equals("go")) {
            return GOLANG;
        }
        for (PackageType t : values()) {
            if (t.purlType.equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown package type '" + type + "'");
    }
}
