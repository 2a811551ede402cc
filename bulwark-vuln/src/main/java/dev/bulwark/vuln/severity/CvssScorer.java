package dev.bulwark.vuln.severity;

import dev.bulwark.core.Cvss;
import dev.bulwark.core.Severity;
import java.util.Optional;
import us.springett.cvss.CvssV2;
import us.springett.cvss.CvssV3;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;
import us.springett.cvss.Score;

/** Scores CVSS v2, v3.0, v3.1 and v4.0 vectors with {@code us.springett:cvss-calculator}. */
public final class CvssScorer {

    private CvssScorer() {
    }

    /** The rating for {@code vector}, or empty when the calculator cannot parse it. */
    public static Optional<Cvss> score(String vector, String source) {
        if (vector == null || vector.isBlank()) {
            return Optional.empty();
        }
        String v = vector.strip();
        us.springett.cvss.Cvss parsed;
        try {
            parsed = us.springett.cvss.Cvss.fromVector(v);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (parsed == null) {
            return Optional.empty();
        }
        String version = switch (parsed) {
            case CvssV4 ignored -> "4.0";
            case CvssV3_1 ignored -> "3.1";
            case CvssV3 ignored -> "3.0";
            case CvssV2 ignored -> "2.0";
            default -> null;
        };
        if (version == null) {
            return Optional.empty();
        }
        try {
            Score score = parsed.calculateScore();
            double base = Math.max(0.0, Math.min(10.0, score.getBaseScore()));
            return Optional.of(new Cvss(version, v, base, source));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The qualitative severity of a rating; CVSS v2 has no CRITICAL band (NVD: 7.0-10.0 is HIGH). */
    public static Severity severity(Cvss cvss) {
        if (cvss.version().equals("2.0")) {
            double s = cvss.baseScore();
            return s >= 7.0 ? Severity.HIGH : s >= 4.0 ? Severity.MEDIUM : s > 0 ? Severity.LOW : Severity.UNKNOWN;
        }
        return cvss.severity();
    }
}
