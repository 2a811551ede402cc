package dev.bulwark.config.internal.kubernetes;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The line range of every map and list read from a manifest, keyed by identity, so checks that find a problem in
 * an object (a container, a rule) can point at its lines.
 */
public final class SourceMap {

    private final Map<Object, int[]> lines = new IdentityHashMap<>();

    void put(Object value, int startLine, int endLine) {
        lines.put(value, new int[] {startLine, Math.max(startLine, endLine)});
    }

    /** The first line of {@code value}, or 0 when it was not read from this manifest. */
    public int startLine(Object value) {
        int[] range = lines.get(value);
        return range == null ? 0 : range[0];
    }

    /** The last line of {@code value}, or 0. */
    public int endLine(Object value) {
        int[] range = lines.get(value);
        return range == null ? 0 : range[1];
    }
}
