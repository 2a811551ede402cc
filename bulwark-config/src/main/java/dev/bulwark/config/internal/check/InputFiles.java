package dev.bulwark.config.internal.check;

import dev.bulwark.config.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Recognises configuration files by name and reads them with a size bound. */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * The type a file name suggests: {@link FileType#DOCKERFILE} for {@code Dockerfile}, {@code Containerfile},
     * {@code Dockerfile.prod}, {@code app.dockerfile}; {@link FileType#KUBERNETES} for {@code .yaml}, {@code .yml}
     * and {@code .json} (which must then contain Kubernetes objects); {@code null} otherwise.
     */
    public static FileType typeByName(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
                .toLowerCase(Locale.ROOT);
        if (name.equals("dockerfile") || name.equals("containerfile") || name.startsWith("dockerfile.")
                || name.startsWith("dockerfile-") || name.startsWith("containerfile.")
                || name.endsWith(".dockerfile") || name.endsWith(".containerfile")) {
            return FileType.DOCKERFILE;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            return FileType.KUBERNETES;
        }
        return null;
    }

    /** True when the text looks like a Dockerfile: its first instruction is FROM, ARG or a parser directive. */
    public static boolean looksLikeDockerfile(String text) {
        for (String line : text.lines().limit(200).toList()) {
            String trimmed = line.strip().toUpperCase(Locale.ROOT);
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            return trimmed.startsWith("FROM ") || trimmed.startsWith("ARG ");
        }
        return false;
    }

    /**
     * Reads {@code in} as UTF-8 text (invalid bytes replaced), failing when it exceeds {@code maxBytes}.
     *
     * @throws FileTooLargeException when the stream is longer than {@code maxBytes}
     */
    public static String readText(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new FileTooLargeException(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** A file above the size limit. */
    public static final class FileTooLargeException extends IOException {
        public FileTooLargeException(long maxBytes) {
            super("file is larger than the limit of " + (maxBytes % (1024 * 1024) == 0
                    ? maxBytes / (1024 * 1024) + " MiB" : maxBytes + " bytes") + " for configuration files");
        }
    }
}
