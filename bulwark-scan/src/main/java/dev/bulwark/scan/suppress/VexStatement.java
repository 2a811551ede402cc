package dev.bulwark.scan.suppress;

import dev.bulwark.core.Finding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.scan.Suppressed;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One VEX statement, from OpenVEX or CycloneDX VEX: a vulnerability, the products it speaks about, and a status.
 * Statements saying {@code not_affected} or {@code fixed} (CycloneDX: {@code not_affected}, {@code false_positive},
 * {@code resolved}) suppress the matching vulnerability findings; others ({@code affected},
 * {@code under_investigation}) do not.
 *
 * @param vulnerability the vulnerability id (CVE, GHSA, ...)
 * @param products package URLs or CycloneDX bom-refs the statement applies to; empty or only non-package products
 *     (the image itself) means every package
 * @param status the status as the document writes it
 * @param justification the justification, or empty
 * @param impact the impact statement or analysis detail, or empty
 * @param origin the document, for messages
 */
public record VexStatement(String vulnerability, List<String> products, String status, String justification,
                           String impact, String origin) implements Rule {

    private static final Set<String> SUPPRESSING = Set.of("not_affected", "fixed", "false_positive", "resolved",
            "resolved_with_pedigree");

    public VexStatement {
        Objects.requireNonNull(vulnerability, "vulnerability is null");
        products = List.copyOf(products);
        Objects.requireNonNull(status, "status is null");
        justification = justification == null ? "" : justification;
        impact = impact == null ? "" : impact;
    }

    /** True when the status suppresses findings. */
    public boolean suppresses() {
        return SUPPRESSING.contains(status);
    }

    @Override
    public Suppressed apply(Finding finding) {
        if (!suppresses() || !(finding instanceof VulnerabilityFinding v) || !Rule.namesFinding(vulnerability, v)) {
            return null;
        }
        boolean packageProducts = products.stream().anyMatch(p -> !p.startsWith("pkg:oci/")
                && !p.startsWith("pkg:docker/"));
        if (packageProducts && products.stream().noneMatch(p -> Rule.purlMatches(p, v.pkg().purl())
                || p.equals(Inventory.key(v.pkg())) || p.endsWith("#" + Inventory.key(v.pkg())))) {
            return null;
        }
        return new Suppressed(finding, "vex", status, justification, impact, origin);
    }
}
