package dev.bulwark.image.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns archive entry names into the absolute, normalised paths of the image filesystem, and refuses names that
 * would leave it. No image writer produces {@code ..} components or absolute names, so they are treated as an attack,
 * not repaired.
 */
public final class EntryPaths {

    private EntryPaths() {
    }

    /** Why a name was refused. */
    public static final class UnsafePathException extends Exception {
        public UnsafePathException(String message) {
            super(message);
        }
    }

    /**
     * Normalises a tar entry name: {@code ./etc/os-release}, {@code etc/os-release} and {@code etc//os-release/}
     * all become {@code /etc/os-release}; {@code .} and {@code ./} become {@code /}.
     *
     * @throws UnsafePathException for absolute names, {@code ..} components, NUL characters, or names beyond the
     *     length/depth limits
     */
    public static String normalize(String name, int maxLength, int maxDepth) throws UnsafePathException {
        if (name.length() > maxLength) {
            throw new UnsafePathException("entry name longer than " + maxLength + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            throw new UnsafePathException("entry name contains a NUL character");
        }
        if (name.startsWith("/")) {
            throw new UnsafePathException("absolute entry name '" + printable(name) + "'");
        }
        StringBuilder path = new StringBuilder(name.length() + 1);
        int depth = 0;
        int start = 0;
        int length = name.length();
        while (start <= length) {
            int slash = name.indexOf('/', start);
            int end = slash < 0 ? length : slash;
            int componentLength = end - start;
            if (componentLength == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
                throw new UnsafePathException("entry name '" + printable(name) + "' contains '..'");
            }
            if (componentLength > 0 && !(componentLength == 1 && name.charAt(start) == '.')) {
                if (++depth > maxDepth) {
                    throw new UnsafePathException("entry name nested deeper than " + maxDepth + " directories");
                }
                path.append('/').append(name, start, end);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** The parent directory of a normalised path ({@code /} for top-level entries and for {@code /}). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Joins a normalised directory and a name. */
    public static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    /**
     * Resolves a symlink target lexically against the link's directory, the way the kernel does inside a container's
     * root: absolute targets start at the image root and {@code ..} at the root stays there.
     *
     * @return the normalised absolute path the link points to (links inside the target are not followed)
     */
    public static String resolveLexically(String linkPath, String target) {
        Deque<String> parts = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            for (String part : parent(linkPath).split("/")) {
                if (!part.isEmpty()) {
                    parts.addLast(part);
                }
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** Whether a relative symlink target climbs above the image root from the link's directory. */
    public static boolean escapesRoot(String linkPath, String target) {
        if (target.startsWith("/")) {
            return false;
        }
        int depth = 0;
        for (String part : parent(linkPath).split("/")) {
            if (!part.isEmpty()) {
                depth++;
            }
        }
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    /** The name with control characters escaped, for error messages. */
    public static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 200));
        for (int i = 0; i < name.length() && out.length() < 200; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 200) {
            out.append("...");
        }
        return out.toString();
    }
}
