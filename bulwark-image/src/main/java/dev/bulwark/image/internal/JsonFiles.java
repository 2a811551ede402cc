package dev.bulwark.image.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the small JSON documents of an image (manifests, indexes, configs) with size and nesting limits. */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(4 << 20).build())
            .build());

    private JsonFiles() {
    }

    /** Reads a whole file of at most {@code maxBytes}. */
    public static byte[] readBounded(ArchiveFiles files, String name, long maxBytes, String source)
            throws IOException {
        long size = files.size(name);
        if (size > maxBytes) {
            throw new InputException(source, name + " is " + size + " bytes, more than the limit of " + maxBytes);
        }
        try (InputStream in = files.open(name)) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (data.length > maxBytes) {
                throw new InputException(source, name + " is larger than the limit of " + maxBytes + " bytes");
            }
            return data;
        } catch (FileNotFoundException e) {
            throw new InputException(source, name + " is missing from the image");
        }
    }

    /** Parses JSON, naming the file and the position on error. */
    public static JsonNode parse(byte[] data, String name, String source) {
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node == null || node.isMissingNode()) {
                throw new InputException(source, name + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new InputException(source, name + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new InputException(source, name + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** Verifies that {@code data} has {@code expected} digest. */
    public static void verify(byte[] data, Digest expected, String name, String source) {
        try {
            MessageDigest md = MessageDigest.getInstance(expected.jdkAlgorithm());
            String actual = HexFormat.of().formatHex(md.digest(data));
            if (!actual.equals(expected.hex())) {
                throw new InputException(source, name + " has digest " + expected.algorithm() + ":" + actual
                        + ", expected " + expected);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new InputException(source, name + ": unsupported digest algorithm " + expected.algorithm());
        }
    }

    /** A required text field, or an InputException naming the file and the field. */
    public static String text(JsonNode node, String field, String name, String source) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new InputException(source, name + ": missing or invalid \"" + field + "\"");
        }
        return value.asText();
    }

    /** A required digest field. */
    public static Digest digest(JsonNode node, String field, String name, String source) {
        String text = text(node, field, name, source);
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, name + ": invalid digest in \"" + field + "\": " + e.getMessage());
        }
    }
}
