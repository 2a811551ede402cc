package dev.bulwark.config.internal.dockerfile;

/**
 * A here-document of a {@code RUN}, {@code COPY} or {@code ADD} ({@code <<EOF ... EOF}).
 *
 * @param name the delimiter word
 * @param content the body, lines joined with {@code \n}, without the closing delimiter
 * @param expand false when the delimiter was quoted ({@code <<"EOF"}), which disables variable expansion
 * @param startLine the first body line, 1-based
 * @param endLine the line of the closing delimiter
 */
public record Heredoc(String name, String content, boolean expand, int startLine, int endLine) {
}
