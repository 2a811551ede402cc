package dev.bulwark.vuln.version;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Parsed versions remembered for the length of one match: matching compares the installed version with every
 * event of every entry, and sorting events compares them with each other, so without a cache each string is parsed
 * many times (versatile's Go and Maven parsers and the rpm/dpkg splitters dominate otherwise). Versions that do not
 * parse are remembered too. Not thread-safe; memory grows with the distinct strings of one match.
 */
public final class VersionCache {

    private final Map<VersionScheme, VersionScheme> cached = new IdentityHashMap<>();

    /** {@code scheme} with its parsing memoised in this cache; the same order, the same exceptions. */
    public VersionScheme of(VersionScheme scheme) {
        return cached.computeIfAbsent(scheme, s -> s instanceof ParsingVersionScheme<?> p ? caching(p) : s);
    }

    private static <V> VersionScheme caching(ParsingVersionScheme<V> scheme) {
        return new Caching<>(scheme);
    }

    private static final class Caching<V> implements VersionScheme {

        private final ParsingVersionScheme<V> scheme;
        /** A parsed value, or the {@link InvalidVersionException} the string gave. */
        private final Map<String, Object> parsed = new HashMap<>();

        Caching(ParsingVersionScheme<V> scheme) {
            this.scheme = scheme;
        }

        @Override
        public String name() {
            return scheme.name();
        }

        @Override
        public int compare(String a, String b) {
            return scheme.compareParsed(parse(a), parse(b));
        }

        @SuppressWarnings("unchecked")
        private V parse(String version) {
            Object p = parsed.get(version);
            if (p == null) {
                try {
                    p = scheme.parse(version);
                } catch (InvalidVersionException e) {
                    p = e;
                }
                parsed.put(version, p);
            }
            if (p instanceof InvalidVersionException e) {
                throw e;
            }
            return (V) p;
        }
    }
}
