package dev.bulwark.vuln.match;

import dev.bulwark.core.Cvss;
import dev.bulwark.core.FixStatus;
import dev.bulwark.core.Package;
import dev.bulwark.core.Severity;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.vuln.osv.OsvRecord;
import dev.bulwark.vuln.osv.OsvSeverity;
import dev.bulwark.vuln.severity.CvssScorer;
import dev.bulwark.vuln.version.VersionScheme;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the candidates of one package into findings: one per vulnerability, with every id that names it.
 *
 * <p>Ids merge when records say they are the same vulnerability: the record id with its {@code aliases}, and a
 * per-CVE distribution record ({@code ALPINE-CVE-x}, {@code UBUNTU-CVE-x}) with its single {@code upstream}. A
 * distribution advisory covering several CVEs (DSA, DLA, ALSA: {@code upstream} or, for AlmaLinux,
 * {@code related}) becomes one finding per CVE, each listing the advisory id, because the CVEs are different
 * vulnerabilities fixed together.
 *
 * <p>One instance serves one match: what only depends on a record (its identities, its de-duplicated references)
 * and CVSS scores are worked out once, since an advisory typically affects many packages of an image. Not
 * thread-safe.
 */
public final class FindingAssembler {

    private static final Pattern RHEL_REBUILD_ADVISORY = Pattern.compile("(ALSA|RLSA)-.*");
    private static final Pattern PER_CVE_RECORD = Pattern.compile("[A-Z]+-CVE-\\d{4}-\\d+");
    private static final Pattern REDHAT_SEVERITY = Pattern.compile("^(Low|Moderate|Important|Critical):");

    private final Set<String> knownExploited;
    private final SeverityScores scores = new SeverityScores();
    private final Map<OsvRecord, RecordFacts> facts = new IdentityHashMap<>();

    /** An assembler for one match; {@code knownExploited} holds the CVE ids of the KEV catalogue. */
    public FindingAssembler(Set<String> knownExploited) {
        this.knownExploited = knownExploited;
    }

    /** One identity of a candidate: ids that merge, ids only shown. */
    private record Identity(Candidate candidate, Set<String> mergeIds, Set<String> shownIds) {
    }

    /** An identity before it is tied to a candidate. */
    private record IdentityIds(Set<String> mergeIds, Set<String> shownIds) {
    }

    /** What assembly reads of a record, worked out once. */
    private record RecordFacts(List<IdentityIds> identities, List<String> references) {
    }

    /** The findings of one package from its candidates, ordered by id. */
    public List<VulnerabilityFinding> assemble(Package pkg, List<Candidate> candidates, VersionScheme scheme) {
        List<Identity> identities = new ArrayList<>();
        for (Candidate c : candidates) {
            for (IdentityIds ids : facts(c.record()).identities()) {
                identities.add(new Identity(c, ids.mergeIds(), ids.shownIds()));
            }
        }
        // Union-find over identities sharing a merge id.
        int[] parent = new int[identities.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < identities.size(); i++) {
            for (String id : identities.get(i).mergeIds) {
                Integer j = owner.putIfAbsent(id, i);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, List<Identity>> groups = new LinkedHashMap<>();
        for (int i = 0; i < identities.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(identities.get(i));
        }
        List<VulnerabilityFinding> out = new ArrayList<>();
        for (List<Identity> group : groups.values()) {
            out.add(finding(pkg, group, scheme));
        }
        out.sort(Comparator.comparing(VulnerabilityFinding::id));
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private RecordFacts facts(OsvRecord r) {
        return facts.computeIfAbsent(r, k -> new RecordFacts(identities(k),
                List.copyOf(new LinkedHashSet<>(k.references()))));
    }

    private static List<IdentityIds> identities(OsvRecord r) {
        Set<String> base = new LinkedHashSet<>();
        base.add(r.id());
        base.addAll(r.aliases());
        boolean hasCve = base.stream().anyMatch(FindingAssembler::isCve);
        if (hasCve) {
            return List.of(new IdentityIds(base, Set.of()));
        }
        List<String> upstreamCves = new ArrayList<>(r.upstream().stream().filter(FindingAssembler::isCve).toList());
        if (upstreamCves.isEmpty() && RHEL_REBUILD_ADVISORY.matcher(r.id()).matches()) {
            upstreamCves.addAll(r.related().stream().filter(FindingAssembler::isCve).toList());
        }
        if (upstreamCves.size() == 1 && PER_CVE_RECORD.matcher(r.id()).matches()) {
            base.add(upstreamCves.getFirst());
            return List.of(new IdentityIds(base, Set.of()));
        }
        if (!upstreamCves.isEmpty()) {
            List<IdentityIds> out = new ArrayList<>();
            for (String cve : new LinkedHashSet<>(upstreamCves)) {
                out.add(new IdentityIds(Set.of(cve), base));
            }
            return out;
        }
        return List.of(new IdentityIds(base, Set.of()));
    }

    /** Whether {@code id} is a CVE id ({@code CVE-yyyy-n...}). */
    static boolean isCve(String id) {
        int n = id.length();
        if (n < 10 || !id.startsWith("CVE-") || id.charAt(8) != '-') {
            return false;
        }
        for (int i = 4; i < n; i++) {
            char c = id.charAt(i);
            if (i != 8 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private VulnerabilityFinding finding(Package pkg, List<Identity> group, VersionScheme scheme) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (Identity identity : group) {
            if (!candidates.contains(identity.candidate)) {
                candidates.add(identity.candidate);
            }
            ids.addAll(identity.mergeIds);
            ids.addAll(identity.shownIds);
        }
        candidates.sort(Comparator.comparing((Candidate c) -> !c.distro()));
        String primary = primaryId(group, ids);
        List<String> aliases = ids.stream().filter(id -> !id.equals(primary)).toList();

        Set<String> fixed = new TreeSet<>(scheme::compare);
        for (Candidate c : candidates) {
            fixed.addAll(c.verdict().fixedVersions());
        }
        FixStatus status = fixed.isEmpty() ? statusOf(candidates) : FixStatus.FIXED;

        List<Cvss> cvss = new ArrayList<>();
        Set<String> vectors = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            String source = source(c.record().id());
            for (OsvSeverity s : concat(c.record().severity(), c.entry().severity())) {
                if (s.type().startsWith("CVSS") && vectors.add(s.score())) {
                    scores.score(s.score(), source).ifPresent(cvss::add);
                }
            }
        }
        Rating rating = rate(candidates, cvss);

        Candidate main = candidates.stream().filter(c -> !c.record().summary().isEmpty()).findFirst()
                .orElse(candidates.getFirst());
        String description = candidates.stream().map(c -> c.record().details()).filter(d -> !d.isEmpty())
                .findFirst().orElse("");
        List<String> references = candidates.size() == 1 ? facts(candidates.getFirst().record()).references()
                : null;
        Set<String> allReferences = references == null ? new LinkedHashSet<>() : null;
        Set<String> cwes = new TreeSet<>();
        Instant published = null;
        Instant modified = null;
        Map<String, Object> specific = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            OsvRecord r = c.record();
            if (allReferences != null) {
                allReferences.addAll(r.references());
            }
            if (r.databaseSpecific().get("cwe_ids") instanceof List<?> list) {
                list.forEach(x -> cwes.add(String.valueOf(x)));
            }
            if (r.published() != null && (published == null || r.published().isBefore(published))) {
                published = r.published();
            }
            if (r.modified() != null && (modified == null || r.modified().isAfter(modified))) {
                modified = r.modified();
            }
            Map<String, Object> s = new LinkedHashMap<>();
            if (!r.databaseSpecific().isEmpty()) {
                s.put("database_specific", r.databaseSpecific());
            }
            if (!c.entry().ecosystemSpecific().isEmpty()) {
                s.put("ecosystem_specific", c.entry().ecosystemSpecific());
            }
            if (!c.entry().databaseSpecific().isEmpty()) {
                s.put("affected_database_specific", c.entry().databaseSpecific());
            }
            if (!s.isEmpty()) {
                specific.putIfAbsent(r.id(), s);
            }
        }
        boolean exploited = ids.stream().anyMatch(knownExploited::contains);
        return new VulnerabilityFinding(primary, aliases, pkg, status, List.copyOf(fixed), rating.severity,
                rating.source, cvss, main.record().summary(), description,
                references != null ? references : List.copyOf(allReferences),
                List.copyOf(cwes), published, modified, candidates.getFirst().ecosystem(), exploited, specific);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A CVE where one is known, else a GHSA id, else the first record id. */
    private static String primaryId(List<Identity> group, Set<String> ids) {
        for (Identity identity : group) {
            for (String id : identity.mergeIds) {
                if (isCve(id)) {
                    return ids.stream().filter(FindingAssembler::isCve).findFirst().orElse(id);
                }
            }
        }
        return ids.stream().filter(id -> id.startsWith("GHSA-")).findFirst()
                .orElse(group.getFirst().candidate.record().id());
    }

    private static FixStatus statusOf(List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (c.entry().databaseSpecific().get("status") instanceof String s) {
                switch (s) {
                    case "fix-not-planned" -> {
                        return FixStatus.WILL_NOT_FIX;
                    }
                    case "detection", "under-investigation" -> {
                        return FixStatus.UNDER_INVESTIGATION;
                    }
                    default -> {
                        // pending-upstream-fix, true-positive-determination: affected, no fix yet
                    }
                }
            }
        }
        return FixStatus.AFFECTED;
    }

    private record Rating(Severity severity, String source) {
    }

    /**
     * The distribution's own rating first, then GitHub's reviewed severity, then another database's word, then
     * the CVSS score (v3.x, else v4.0, else v2.0).
     */
    private static Rating rate(List<Candidate> candidates, List<Cvss> cvss) {
        Rating distro = null;
        Rating ghsa = null;
        Rating other = null;
        for (Candidate c : candidates) {
            Rating vendor = vendorRating(c);
            if (vendor == null) {
                continue;
            }
            if (c.distro() && distro == null) {
                distro = vendor;
            } else if (vendor.source.equals("ghsa") && ghsa == null) {
                ghsa = vendor;
            } else if (other == null) {
                other = vendor;
            }
        }
        for (Rating r : new Rating[] {distro, ghsa, other}) {
            if (r != null) {
                return r;
            }
        }
        for (String version : List.of("3.1", "3.0", "4.0", "2.0")) {
            for (Cvss c : cvss) {
                if (c.version().equals(version)) {
                    return new Rating(CvssScorer.severity(c), "cvss-v" + version + ":" + c.source());
                }
            }
        }
        return new Rating(Severity.UNKNOWN, "");
    }

    private static Rating vendorRating(Candidate c) {
        OsvRecord r = c.record();
        String source = source(r.id());
        for (OsvSeverity s : r.severity()) {
            if (s.type().equalsIgnoreCase("Ubuntu")) {
                Severity sev = parse(s.score());
                if (sev != null) {
                    return new Rating(sev, "ubuntu");
                }
            }
        }
        if (c.entry().ecosystemSpecific().get("urgency") instanceof String urgency) {
            Severity sev = parse(urgency);
            if (sev != null && sev != Severity.UNKNOWN) {
                return new Rating(sev, source);
            }
        }
        if (r.databaseSpecific().get("severity") instanceof String word) {
            Severity sev = parse(word);
            if (sev != null && sev != Severity.UNKNOWN) {
                return new Rating(sev, source);
            }
        }
        var m = REDHAT_SEVERITY.matcher(r.summary());
        if (m.find()) {
            return new Rating(Severity.parse(m.group(1)), source);
        }
        return null;
    }

    private static Severity parse(String word) {
        try {
            return Severity.parse(word.replace("**", "").strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The rating source named after the record's database: {@code ghsa}, {@code go}, {@code alsa}, ... */
    static String source(String id) {
        int dash = id.indexOf('-');
        String prefix = dash > 0 ? id.substring(0, dash) : id;
        return prefix.toLowerCase(Locale.ROOT);
    }
}
