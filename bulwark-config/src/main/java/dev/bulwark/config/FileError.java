package dev.bulwark.config;

import dev.bulwark.core.Location;

/**
 * An input that could not be checked (or only partly), with the reason; the rest of the scan goes on.
 *
 * @param location the file
 * @param message what is wrong, naming the line where known
 */
public record FileError(Location location, String message) {

    /** {@code path: message}, the form users see. */
    @Override
    public String toString() {
        return location.path() + ": " + message;
    }
}
