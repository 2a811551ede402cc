package dev.bulwark.runtime;

import java.util.Objects;

/**
 * An error or warning found while loading rule files, located like Falco's: file, line and column of the item, the
 * item's kind and name, a stable code ({@code LOAD_ERR_COMPILE_CONDITION}) and the item's text.
 *
 * @param file the rule file, as given
 * @param line one-based line of the item, 0 when the problem concerns the whole file
 * @param column one-based column, 0 when unknown
 * @param itemType {@code rule}, {@code macro}, {@code list}, {@code required_engine_version}, {@code rules content}...
 * @param itemName the rule, macro or list name, or empty
 * @param snippet the item's YAML text, or empty
 */
public record Diagnostic(Severity severity, String code, String message, String file, int line, int column,
                         String itemType, String itemName, String snippet) {

    /** Errors prevent loading; warnings do not. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(message, "message is null");
        itemType = itemType == null ? "" : itemType;
        itemName = itemName == null ? "" : itemName;
        snippet = snippet == null ? "" : snippet;
    }

    /** {@code file:line:col: error: rule 'name': message (CODE)}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ").append(severity == Severity.ERROR ? "error" : "warning").append(": ");
        if (!itemType.isEmpty()) {
            out.append(itemType);
            if (!itemName.isEmpty()) {
                out.append(" '").append(itemName).append('\'');
            }
            out.append(": ");
        }
        out.append(message);
        if (code != null && !code.isEmpty()) {
            out.append(" (").append(code).append(')');
        }
        return out.toString();
    }
}
