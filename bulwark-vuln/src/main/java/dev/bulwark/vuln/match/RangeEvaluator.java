package dev.bulwark.vuln.match;

import dev.bulwark.vuln.osv.OsvAffected;
import dev.bulwark.vuln.osv.OsvEvent;
import dev.bulwark.vuln.osv.OsvRange;
import dev.bulwark.vuln.version.InvalidVersionException;
import dev.bulwark.vuln.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Decides whether one version is affected by one OSV {@code affected[]} entry, following the OSV specification's
 * evaluation: the explicit {@code versions[]} list, then each ECOSYSTEM or SEMVER range with its events sorted by
 * version ({@code introduced} opens, {@code fixed} closes exclusively, {@code last_affected} inclusively,
 * {@code limit} bounds the range). GIT ranges are skipped; a range with a version the scheme cannot read is skipped
 * rather than guessed.
 */
public final class RangeEvaluator {

    /**
     * The verdict for one entry.
     *
     * @param affected whether the version is affected
     * @param fixedVersions every {@code fixed} version of the entry above the installed version
     * @param skippedRanges ranges that could not be evaluated (GIT, or versions the scheme rejects)
     */
    public record Verdict(boolean affected, List<String> fixedVersions, int skippedRanges) {
    }

    private RangeEvaluator() {
    }

    /**
     * Evaluates {@code entry} for {@code version}; {@code eventVersion} rewrites event versions before comparing
     * (e.g. to strip a rebuild's release suffix), use {@code UnaryOperator.identity()} otherwise.
     */
    public static Verdict evaluate(VersionScheme scheme, String version, OsvAffected entry,
                                   UnaryOperator<String> eventVersion) {
        boolean affected = false;
        for (String listed : entry.versions()) {
            if (listed.equals(version) || equalVersions(scheme, listed, version)) {
                affected = true;
                break;
            }
        }
        int skipped = 0;
        List<String> fixed = new ArrayList<>();
        for (OsvRange range : entry.ranges()) {
            if (!range.type().equals("ECOSYSTEM") && !range.type().equals("SEMVER")) {
                skipped++;
                continue;
            }
            try {
                if (inRange(scheme, version, range, eventVersion)) {
                    affected = true;
                }
                for (OsvEvent e : range.events()) {
                    if (e.kind() == OsvEvent.Kind.FIXED) {
                        String f = eventVersion.apply(e.version());
                        if (scheme.compare(f, version) > 0 && !fixed.contains(f)) {
                            fixed.add(f);
                        }
                    }
                }
            } catch (InvalidVersionException e) {
                skipped++;
            }
        }
        fixed.sort(scheme::compare);
        return new Verdict(affected, fixed, skipped);
    }

    private static boolean equalVersions(VersionScheme scheme, String a, String b) {
        try {
            return scheme.compare(a, b) == 0;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    private static boolean isZero(OsvEvent e) {
        return e.kind() == OsvEvent.Kind.INTRODUCED && e.version().equals("0");
    }

    static boolean inRange(VersionScheme scheme, String version, OsvRange range, UnaryOperator<String> eventVersion) {
        List<OsvEvent> events = new ArrayList<>(range.events().size());
        for (OsvEvent e : range.events()) {
            events.add(isZero(e) ? e : new OsvEvent(e.kind(), eventVersion.apply(e.version())));
        }
        // "introduced: 0" sorts first; ties keep the written order (introduced before fixed at the same version).
        events.sort(Comparator.comparing((OsvEvent e) -> !isZero(e))
                .thenComparing((a, b) -> isZero(a) || isZero(b) ? 0 : scheme.compare(a.version(), b.version())));
        boolean affected = false;
        boolean hasLimit = false;
        boolean belowLimit = false;
        for (OsvEvent e : events) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (isZero(e) || scheme.compare(version, e.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (scheme.compare(version, e.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (scheme.compare(version, e.version()) > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> {
                    hasLimit = true;
                    if (e.version().equals("*") || scheme.compare(version, e.version()) < 0) {
                        belowLimit = true;
                    }
                }
            }
        }
        return affected && (!hasLimit || belowLimit);
    }
}
