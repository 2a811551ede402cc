package dev.bulwark.cli;

import dev.bulwark.core.UsageException;

/** The error for a command whose engine is not part of this build yet. */
final class Unavailable {

    private Unavailable() {
    }

    static UsageException command(String name) {
        return new UsageException("bulwark " + name, "this command is not available in this build yet");
    }
}
