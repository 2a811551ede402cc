package dev.bulwark.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import dev.bulwark.scan.internal.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;

/** Reads a JSON report written by {@code --format json} back into the model, for {@code bulwark convert}. */
public final class ReportJson {

    private ReportJson() {
    }

    /** Reports of large images are tens of MB; this bounds what is read into memory. */
    static final long MAX_BYTES = 1L << 30;

    /** @throws InputException naming the file and the problem (not JSON, wrong schema version, missing field) */
    public static Report read(Path file) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(file.toString(), "larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new InputException(file.toString(), "not a readable JSON report ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file.toString(), "not a Bulwark JSON report (expected an object)");
        }
        if (!root.has("schemaVersion") || !root.has("artifact")) {
            throw new InputException(file.toString(), "not a Bulwark JSON report (no schemaVersion/artifact; write "
                    + "one with --format json)");
        }
        try {
            return JsonCodec.readReport(root);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InputException(file.toString(), "invalid Bulwark JSON report: " + e.getMessage(), e);
        }
    }
}
