package dev.bulwark.sbom.internal;

import dev.bulwark.core.LayerRef;
import dev.bulwark.core.Location;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.image.FileInfo;
import dev.bulwark.image.FileView;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.sbom.LayerResult;
import dev.bulwark.sbom.Relationship;
import dev.bulwark.sbom.os.OsDetector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns per-layer results into the inventory of the final filesystem:
 * <ol>
 *   <li>the distribution from the release files the final filesystem shows, symlinks resolved;</li>
 *   <li>for each package database, the packages of the version of the file the final filesystem shows, each
 *       attributed to the lowest layer from which the same package and version is listed continuously (as Trivy
 *       does), so a base-image package stays with the base layer although later layers rewrote the database;</li>
 *   <li>language packages whose file is visible, in the layer that wrote it;</li>
 *   <li>minus language packages in files owned by OS packages (they are the OS package's content).</li>
 * </ol>
 */
public final class InventoryAssembler {

    private final Map<Integer, LayerResult> results;
    private final FileView view;
    private final Map<Integer, LayerRef> layers = new HashMap<>();

    public InventoryAssembler(Map<Integer, LayerResult> results, FileView view, List<LayerRef> layerRefs) {
        this.results = new TreeMap<>(results);
        this.view = view;
        for (LayerRef layer : layerRefs) {
            layers.put(layer.index(), layer);
        }
    }

    public Inventory assemble() {
        OperatingSystem os = detectOs();
        List<String> warnings = new ArrayList<>();
        results.values().forEach(r -> warnings.addAll(r.warnings()));

        Set<String> owned = new HashSet<>();
        results.forEach((index, result) -> result.ownedFiles().forEach((listFile, paths) -> {
            if (view.isVisible(listFile, index)) {
                owned.addAll(paths);
            }
        }));

        Map<String, Package> kept = new LinkedHashMap<>();
        Map<String, Map<Integer, Set<String>>> databaseHistory = databaseHistory();
        for (var layerEntry : results.entrySet()) {
            int index = layerEntry.getKey();
            for (LayerResult.Found found : layerEntry.getValue().packages()) {
                if (!view.isVisible(found.file(), index)) {
                    continue;
                }
                Package p = found.pkg();
                if (found.database()) {
                    int introduced = introducedBy(databaseHistory.get(found.file()), index, identity(p));
                    p = withAttribution(p, layer(introduced), relocate(p.locations(), layer(index)));
                    p = withPurl(p, Purls.ofOsPackage(p, os));
                } else {
                    if (owned.contains(found.file())) {
                        continue;
                    }
                    p = p.withLayer(layer(index));
                }
                kept.putIfAbsent(Inventory.key(p), p);
            }
        }
        List<Package> packages = new ArrayList<>(kept.values());
        packages.sort(Comparator.comparing((Package p) -> !p.type().isOperatingSystem())
                .thenComparing(p -> p.type().ordinal()).thenComparing(Package::name)
                .thenComparing(Package::version).thenComparing(p -> p.path() == null ? "" : p.path()));

        Set<String> keys = kept.keySet();
        Set<Relationship> relationships = new LinkedHashSet<>();
        for (LayerResult result : results.values()) {
            for (Relationship r : result.relationships()) {
                if (keys.contains(r.parent()) && keys.contains(r.child()) && !r.parent().equals(r.child())) {
                    relationships.add(r);
                }
            }
        }
        return new Inventory(os, packages, List.copyOf(relationships), warnings);
    }

    private OperatingSystem detectOs() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : OsDetector.RELEASE_FILES) {
            Optional<FileInfo> info = view.resolve(path);
            if (info.isEmpty()) {
                continue;
            }
            LayerResult result = results.get(info.get().layerIndex());
            String content = result == null ? null : result.releaseFiles().get(info.get().path());
            if (content != null) {
                files.put(path, content);
            }
        }
        return new OsDetector().detect(files);
    }

    /** database file -> layer index -> identities of the packages that layer's version lists. */
    private Map<String, Map<Integer, Set<String>>> databaseHistory() {
        Map<String, Map<Integer, Set<String>>> history = new HashMap<>();
        results.forEach((index, result) -> {
            for (String db : result.databases()) {
                history.computeIfAbsent(db, k -> new TreeMap<>()).put(index, new HashSet<>());
            }
            for (LayerResult.Found found : result.packages()) {
                if (found.database()) {
                    history.get(found.file()).get(index).add(identity(found.pkg()));
                }
            }
        });
        return history;
    }

    private static int introducedBy(Map<Integer, Set<String>> history, int visibleLayer, String identity) {
        int introduced = visibleLayer;
        List<Integer> lower = new ArrayList<>(((TreeMap<Integer, Set<String>>) history).headMap(visibleLayer, false)
                .descendingKeySet());
        for (int index : lower) {
            if (!history.get(index).contains(identity)) {
                break;
            }
            introduced = index;
        }
        return introduced;
    }

    private static String identity(Package p) {
        return p.name() + " " + p.version() + " " + p.arch();
    }

    private LayerRef layer(int index) {
        return layers.get(index);
    }

    private static List<Location> relocate(List<Location> locations, LayerRef layer) {
        return locations.stream().map(l -> new Location(l.path(), layer)).toList();
    }

    private static Package withAttribution(Package p, LayerRef layer, List<Location> locations) {
        return new Package(p.type(), p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion(), p.purl(),
                p.licenses(), locations, layer, p.properties());
    }

    private static Package withPurl(Package p, String purl) {
        return new Package(p.type(), p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion(), purl,
                p.licenses(), p.locations(), p.layer(), p.properties());
    }
}
