package dev.bulwark.vuln.match;

import dev.bulwark.core.Cvss;
import dev.bulwark.vuln.severity.CvssScorer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CVSS scores computed once per vector and source within one match: the same vectors recur across findings (one
 * advisory per CVE and package, many packages per advisory), and the calculator parses each with regular
 * expressions. Not thread-safe.
 */
final class SeverityScores {

    private record Key(String vector, String source) {
    }

    private final Map<Key, Optional<Cvss>> cache = new HashMap<>();

    /** {@link CvssScorer#score}, remembered. */
    Optional<Cvss> score(String vector, String source) {
        return cache.computeIfAbsent(new Key(vector, source), k -> CvssScorer.score(k.vector(), k.source()));
    }
}
