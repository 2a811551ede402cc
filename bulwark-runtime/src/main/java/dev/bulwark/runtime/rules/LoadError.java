package dev.bulwark.runtime.rules;

import dev.bulwark.runtime.Diagnostic;

/** Stops loading the current rule file at its first error, like Falco. */
final class LoadError extends RuntimeException {

    private final transient Diagnostic diagnostic;

    LoadError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }

    Diagnostic diagnostic() {
        return diagnostic;
    }
}
