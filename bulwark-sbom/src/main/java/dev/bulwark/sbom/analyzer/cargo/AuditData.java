package dev.bulwark.sbom.analyzer.cargo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The dependency list cargo-auditable embeds in a Rust executable: zlib-compressed JSON
 * {@code {"packages":[{"name","version","source","kind","dependencies":[indices],"root"}]}}, where {@code kind}
 * ({@code runtime} when absent, or {@code build}) says whether the crate is compiled into the executable or only ran at
 * build time, {@code dependencies} are indices into the same list and {@code root} marks the crate that was built.
 *
 * @param crates the entries in their order (dependency indices point into this list)
 */
record AuditData(List<Crate> crates) {

    /**
     * One entry.
     *
     * @param name crate name
     * @param version its version
     * @param source {@code crates.io}, {@code git}, {@code local}, {@code registry}, {@code other}, or {@code null}
     * @param runtime false for build-time-only crates (build scripts, proc macros and their dependencies)
     * @param root whether this is the crate the executable was built from
     * @param dependencies indices of its dependencies in {@link #crates()}
     */
    record Crate(String name, String version, String source, boolean runtime, boolean root,
                 List<Integer> dependencies) {
    }

    /** The section's content is not the format; the message says what is wrong. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build());

    AuditData {
        crates = List.copyOf(crates);
    }

    /** Inflates and parses {@code compressed}, refusing more than {@code maxJson} bytes of JSON. */
    static AuditData decode(byte[] compressed, int maxJson) throws MalformedException {
        return parse(inflate(compressed, maxJson));
    }

    static byte[] inflate(byte[] compressed, int maxJson) throws MalformedException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedException("dependency list (.dep-v0) is truncated zlib data");
                }
                if (json.size() + n > maxJson) {
                    throw new MalformedException("dependency list (.dep-v0) inflates to more than " + (maxJson >> 20)
                            + " MiB (a zlib bomb?); not read");
                }
                json.write(buffer, 0, n);
            }
            return json.toByteArray();
        } catch (DataFormatException e) {
            throw new MalformedException("dependency list (.dep-v0) is not zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static AuditData parse(byte[] json) throws MalformedException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedException("dependency list (.dep-v0) is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) { // from a byte array only JSON errors come; kept for the signature
            throw new MalformedException("dependency list (.dep-v0) is not readable JSON: " + e.getMessage());
        }
        JsonNode packages = root == null ? null : root.get("packages");
        if (packages == null || !packages.isArray()) {
            throw new MalformedException("dependency list (.dep-v0) has no \"packages\" array");
        }
        List<Crate> crates = new ArrayList<>(packages.size());
        for (int i = 0; i < packages.size(); i++) {
            crates.add(crate(packages.get(i), i, packages.size()));
        }
        return new AuditData(crates);
    }

    private static Crate crate(JsonNode entry, int index, int count) throws MalformedException {
        String name = text(entry, "name");
        String version = text(entry, "version");
        if (name == null || version == null) {
            throw new MalformedException("dependency list (.dep-v0): package " + index + " lacks a name or version");
        }
        String kind = entry.has("kind") ? text(entry, "kind") : "runtime";
        if (!"runtime".equals(kind) && !"build".equals(kind)) {
            throw new MalformedException("dependency list (.dep-v0): package " + name + " has unknown kind " + kind);
        }
        List<Integer> dependencies = new ArrayList<>();
        JsonNode deps = entry.get("dependencies");
        if (deps != null && !deps.isArray()) {
            throw new MalformedException("dependency list (.dep-v0): package " + name + " has no dependency array");
        }
        for (JsonNode dep : deps == null ? List.<JsonNode>of() : deps) {
            if (!dep.canConvertToInt() || !dep.isIntegralNumber() || dep.intValue() < 0 || dep.intValue() >= count) {
                throw new MalformedException("dependency list (.dep-v0): package " + name
                        + " depends on " + dep + ", not an index of the list");
            }
            dependencies.add(dep.intValue());
        }
        JsonNode rootFlag = entry.get("root");
        return new Crate(name, version, text(entry, "source"), "runtime".equals(kind),
                rootFlag != null && rootFlag.asBoolean(false), dependencies);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
