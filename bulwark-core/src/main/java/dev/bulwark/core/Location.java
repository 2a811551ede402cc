package dev.bulwark.core;

import java.util.Objects;

/**
 * Where something was found: a path and, for images, the layer that holds that version of the file.
 *
 * <p>Paths inside images and root filesystems are absolute ({@code /app/lib/x.jar}); paths inside archives are
 * joined with {@code !/} ({@code /app/app.jar!/BOOT-INF/lib/y.jar}); paths of a directory scan are relative to the
 * scanned directory. Findings that are not in a file (the image config) use a descriptive target such as
 * {@code (image config)}.
 *
 * @param path the path as shown to users
 * @param layer the layer the file comes from, or {@code null} outside images
 */
public record Location(String path, LayerRef layer) {

    public Location {
        Objects.requireNonNull(path, "path is null");
    }

    public static Location of(String path) {
        return new Location(path, null);
    }
}
