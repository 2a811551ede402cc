package dev.bulwark.config.internal.dockerfile;

/**
 * A {@code --name=value} flag of an instruction ({@code COPY --from=build}, {@code RUN --mount=...}).
 *
 * @param name the name without dashes, lower case
 * @param value the value, or {@code null} for a bare {@code --name}
 */
public record Flag(String name, String value) {
}
