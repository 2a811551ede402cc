package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Diagnostic;

/** Where a rule-file item was defined: file, one-based line and column, kind, name and its YAML text. */
public record ItemContext(String file, int line, int column, String itemType, String itemName, String snippet) {

    public Diagnostic error(String code, String message) {
        return new Diagnostic(Diagnostic.Severity.ERROR, code, message, file, line, column, itemType, itemName,
                snippet);
    }

    public Diagnostic warning(String code, String message) {
        return new Diagnostic(Diagnostic.Severity.WARNING, code, message, file, line, column, itemType, itemName,
                snippet);
    }

    public static ItemContext file(String file, String itemType) {
        return new ItemContext(file, 0, 0, itemType, "", "");
    }
}
