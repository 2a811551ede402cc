package dev.bulwark.scan.report;

import dev.bulwark.core.LayerRef;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.SbomSubject;
import dev.bulwark.scan.Artifact;
import dev.bulwark.scan.Report;
import java.util.List;

/** The report's packages and artifact as the SBOM writers of bulwark-sbom take them. */
final class ReportSbom {

    private ReportSbom() {
    }

    static Inventory inventory(Report report) {
        return new Inventory(report.artifact().os(), report.packages(), report.relationships(), List.of());
    }

    static SbomSubject subject(Report report) {
        Artifact a = report.artifact();
        boolean image = a.type() == Artifact.Type.CONTAINER_IMAGE;
        String name = image && !a.repoTags().isEmpty() ? a.repoTags().getFirst() : a.name();
        List<LayerRef> layers = a.layers().stream()
                .map(l -> new LayerRef(l.index(), l.diffId(), l.digest(), l.createdBy())).toList();
        return new SbomSubject(name, image ? "container" : "filesystem", a.imageId(), a.repoDigests(), layers,
                report.toolVersion(), report.createdAt());
    }
}
