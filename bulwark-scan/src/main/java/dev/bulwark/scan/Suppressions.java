package dev.bulwark.scan;

import dev.bulwark.core.Finding;
import dev.bulwark.scan.suppress.IgnoreEntry;
import dev.bulwark.scan.suppress.IgnoreFileReader;
import dev.bulwark.scan.suppress.Rule;
import dev.bulwark.scan.suppress.VexReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What users said not to report: entries of an ignore file ({@code .bulwarkignore.yaml}) and VEX statements
 * (OpenVEX, CycloneDX VEX). Expired ignore entries no longer suppress; they are kept as warnings for the report.
 */
public final class Suppressions {

    private final List<Rule> rules;
    private final List<String> warnings;

    private Suppressions(List<Rule> rules, List<String> warnings) {
        this.rules = List.copyOf(rules);
        this.warnings = List.copyOf(warnings);
    }

    /** Suppresses nothing. */
    public static Suppressions none() {
        return new Suppressions(List.of(), List.of());
    }

    /**
     * @param ignoreFile the ignore file, or {@code null}
     * @param vexFiles VEX documents
     * @param today the date expiry is judged against
     * @throws dev.bulwark.core.InputException naming the file when one cannot be read
     */
    public static Suppressions load(Path ignoreFile, List<Path> vexFiles, LocalDate today) {
        List<Rule> rules = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (ignoreFile != null) {
            for (IgnoreEntry entry : IgnoreFileReader.read(ignoreFile)) {
                if (entry.expiredOn(today)) {
                    warnings.add("ignore entry " + entry.origin() + " expired on " + entry.expires()
                            + "; it no longer suppresses anything");
                } else {
                    rules.add(entry);
                }
            }
        }
        for (Path vex : vexFiles) {
            rules.addAll(VexReader.read(vex));
        }
        return new Suppressions(rules, warnings);
    }

    /** The first rule's suppression of {@code finding}, if any rule applies. */
    public Optional<Suppressed> suppress(Finding finding) {
        for (Rule rule : rules) {
            Suppressed s = rule.apply(finding);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Expired entries, one line each. */
    public List<String> warnings() {
        return warnings;
    }
}
