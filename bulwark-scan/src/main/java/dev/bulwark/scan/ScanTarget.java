package dev.bulwark.scan;

import java.nio.file.Path;
import java.util.Objects;

/** What a scan reads: an image file, a registry reference, an unpacked root filesystem or a source tree. */
public sealed interface ScanTarget {

    /** How the target is named in reports and errors. */
    String name();

    /** A docker-archive or OCI layout, as a file or directory, with optional {@code :TAG} or {@code @DIGEST}. */
    record ImageFile(String path) implements ScanTarget {
        public ImageFile {
            Objects.requireNonNull(path, "path is null");
        }

        @Override
        public String name() {
            return path;
        }
    }

    /** An image in a registry. */
    record ImageReference(String reference) implements ScanTarget {
        public ImageReference {
            Objects.requireNonNull(reference, "reference is null");
        }

        @Override
        public String name() {
            return reference;
        }
    }

    /** An unpacked root filesystem: installed packages, as in an image. */
    record RootFilesystem(Path directory) implements ScanTarget {
        public RootFilesystem {
            Objects.requireNonNull(directory, "directory is null");
        }

        @Override
        public String name() {
            return directory.toString();
        }
    }

    /** A project's source tree: lockfiles and manifests; paths in results are relative to it. */
    record SourceDirectory(Path directory) implements ScanTarget {
        public SourceDirectory {
            Objects.requireNonNull(directory, "directory is null");
        }

        @Override
        public String name() {
            return directory.toString();
        }
    }
}
