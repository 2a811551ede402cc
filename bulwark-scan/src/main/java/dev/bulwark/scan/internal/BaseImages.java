package dev.bulwark.scan.internal;

import dev.bulwark.core.BulwarkException;
import dev.bulwark.core.InputException;
import dev.bulwark.core.LayerRef;
import dev.bulwark.image.Image;
import dev.bulwark.image.ImageMetadata;
import dev.bulwark.image.ImageOpener;
import dev.bulwark.scan.Artifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decides which of an image's layers belong to its base image: the bottom layers it shares, by diffID and in order,
 * with the base image named by {@code --base-image} (a file or a registry reference) or, failing that, by the
 * {@code org.opencontainers.image.base.name} label. Only the base image's metadata is read, never its layers.
 */
public final class BaseImages {

    public static final String NAME_LABEL = "org.opencontainers.image.base.name";
    public static final String DIGEST_LABEL = "org.opencontainers.image.base.digest";

    private BaseImages() {
    }

    /**
     * @param option the {@code --base-image} value, or {@code null}
     * @param warnings receives a line when the label's base image cannot be read (the scan goes on)
     * @return the base image, or {@code null} when none is named
     * @throws InputException when the {@code --base-image} given cannot be opened
     */
    public static Artifact.BaseImage resolve(ImageMetadata image, String option, ImageOpener opener,
                                             Consumer<String> warnings) {
        if (option != null) {
            try {
                List<LayerRef> base = layersOf(option, opener);
                return new Artifact.BaseImage(option, null, "option", sharedPrefix(image.layers(), base));
            } catch (IOException e) {
                throw new InputException("--base-image " + option, "cannot read (" + e.getMessage() + ")", e);
            } catch (BulwarkException e) {
                throw new InputException("--base-image", e.getMessage(), e);
            }
        }
        String name = image.config().labels().get(NAME_LABEL);
        if (name == null || name.isBlank()) {
            return null;
        }
        String digest = image.config().labels().get(DIGEST_LABEL);
        String reference = digest != null && !digest.isBlank() && !Files.exists(Path.of(name))
                && !name.contains("@") ? name + "@" + digest : name;
        int shared = 0;
        try {
            shared = sharedPrefix(image.layers(), layersOf(reference, opener));
        } catch (IOException | BulwarkException | IllegalArgumentException e) {
            warnings.accept("base image " + reference + " (label " + NAME_LABEL + "): cannot read its layers ("
                    + e.getMessage() + "); no layer is marked as base; pass --base-image FILE");
        }
        return new Artifact.BaseImage(name, digest, "label", shared);
    }

    private static List<LayerRef> layersOf(String nameOrFile, ImageOpener opener) throws IOException {
        Path asFile = Path.of(nameOrFile.replaceFirst("[:@][^/]*$", ""));
        boolean file = Files.exists(Path.of(nameOrFile)) || Files.exists(asFile);
        try (Image base = file ? opener.openFile(nameOrFile) : opener.openReference(nameOrFile)) {
            return base.metadata().layers();
        }
    }

    /** The number of bottom layers the two lists share, in order. */
    static int sharedPrefix(List<LayerRef> image, List<LayerRef> base) {
        int n = 0;
        while (n < image.size() && n < base.size() && image.get(n).diffId().equals(base.get(n).diffId())) {
            n++;
        }
        return n;
    }
}
