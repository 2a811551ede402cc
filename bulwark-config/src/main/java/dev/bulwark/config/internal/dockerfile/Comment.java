package dev.bulwark.config.internal.dockerfile;

/**
 * A comment line.
 *
 * @param line the 1-based line
 * @param text the text after {@code #}, trimmed
 */
public record Comment(int line, String text) {
}
