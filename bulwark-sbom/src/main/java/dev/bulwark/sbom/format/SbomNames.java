package dev.bulwark.sbom.format;

import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** Naming shared by the SBOM writers: component groups and names, the OS reference, license expressions. */
public final class SbomNames {

    private static final Pattern LICENSE_EXPRESSION = Pattern.compile(
            "\\(?[A-Za-z0-9.+-]+\\)?( (AND|OR|WITH|and|or) \\(?[A-Za-z0-9.+-]+\\)?)*");

    private SbomNames() {
    }

    /** The group part of a package name: Maven group id, npm scope; {@code null} for others. */
    public static String group(Package p) {
        return switch (p.type()) {
            case MAVEN -> p.name().contains(":") ? p.name().substring(0, p.name().indexOf(':')) : null;
            case NPM -> p.name().startsWith("@") && p.name().contains("/")
                    ? p.name().substring(0, p.name().indexOf('/')) : null;
            default -> null;
        };
    }

    /** The name without its group. */
    public static String simpleName(Package p) {
        String group = group(p);
        return group == null ? p.name() : p.name().substring(group.length() + 1);
    }

    public static String osRef(OperatingSystem os) {
        return "os:" + os.family() + "@" + os.versionId();
    }

    /** True when {@code license} reads as an SPDX license expression (ids joined by AND/OR/WITH). */
    public static boolean isExpression(String license) {
        return LICENSE_EXPRESSION.matcher(license.trim()).matches();
    }

    /** A stable UUID derived from content, so the same input yields the same document identity. */
    public static UUID uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }
}
