package dev.bulwark.image;

import dev.bulwark.core.UsageException;
import java.util.Locale;
import java.util.Objects;

/**
 * An OCI platform ({@code os/architecture[/variant]}), used to pick one image out of a multi-platform index.
 *
 * @param os e.g. {@code linux}
 * @param architecture e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, or {@code null}
 */
public record Platform(String os, String architecture, String variant) {

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os, "os is null");
        Objects.requireNonNull(architecture, "architecture is null");
        variant = variant == null || variant.isEmpty() ? null : variant;
    }

    /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
    public static Platform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new UsageException("--platform", "invalid platform '" + text + "' (expected os/arch[/variant])");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /**
     * Whether an image built for {@code candidate} serves a request for this platform: os and architecture equal,
     * and the variant equal when this platform names one (a request without variant accepts any; {@code arm64}
     * requests accept {@code v8}).
     */
    public boolean accepts(Platform candidate) {
        if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant == null) {
            return true;
        }
        if (candidate.variant == null) {
            return architecture.equals("arm64") && variant.equals("v8");
        }
        return variant.equals(candidate.variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
