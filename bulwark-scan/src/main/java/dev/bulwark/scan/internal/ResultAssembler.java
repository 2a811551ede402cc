package dev.bulwark.scan.internal;

import dev.bulwark.core.Misconfiguration;
import dev.bulwark.core.OperatingSystem;
import dev.bulwark.core.Package;
import dev.bulwark.core.SecretFinding;
import dev.bulwark.core.VulnerabilityFinding;
import dev.bulwark.sbom.Inventory;
import dev.bulwark.scan.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups a scan's packages and findings into {@link Result}s, one per target: the OS packages; each language
 * package file (a jar, a lockfile, a Go binary, a {@code node_modules} or {@code site-packages} tree); the image
 * config; every other file with secrets or misconfigurations. Order: OS packages, language targets by path, image
 * config, files by path.
 */
public final class ResultAssembler {

    /** The target name of findings in the image config. */
    public static final String IMAGE_CONFIG = "(image config)";

    private ResultAssembler() {
    }

    /**
     * @param artifactName the scanned artifact's name, shown in the OS target
     * @param os the distribution, or {@code null}
     */
    public static List<Result> assemble(String artifactName, OperatingSystem os, List<Package> packages,
                                        List<VulnerabilityFinding> vulnerabilities, List<SecretFinding> secrets,
                                        List<Misconfiguration> misconfigurations) {
        Map<String, List<VulnerabilityFinding>> vulnsByPackage = new HashMap<>();
        for (VulnerabilityFinding v : vulnerabilities) {
            vulnsByPackage.computeIfAbsent(Inventory.key(v.pkg()), k -> new ArrayList<>()).add(v);
        }
        List<Result> results = new ArrayList<>();
        List<Package> osPackages = packages.stream().filter(p -> p.type().isOperatingSystem()).toList();
        if (!osPackages.isEmpty()) {
            String target = os == null ? artifactName : artifactName + " (" + os.family() + " " + os.versionId() + ")";
            String type = os == null ? osPackages.getFirst().type().purlType() : os.family();
            results.add(packageResult(target, Result.Kind.OS_PACKAGES, type, osPackages, vulnsByPackage));
        }
        Map<String, List<Package>> languageTargets = new TreeMap<>();
        Map<String, String> languageTypes = new HashMap<>();
        for (Package p : packages) {
            if (!p.type().isOperatingSystem()) {
                String target = languageTarget(p);
                languageTargets.computeIfAbsent(target, k -> new ArrayList<>()).add(p);
                languageTypes.putIfAbsent(target, p.type().purlType());
            }
        }
        languageTargets.forEach((target, list) -> results.add(packageResult(target, Result.Kind.LANGUAGE_PACKAGES,
                languageTypes.get(target), list, vulnsByPackage)));

        Map<String, List<SecretFinding>> secretsByFile = new TreeMap<>();
        secrets.forEach(s -> secretsByFile.computeIfAbsent(s.location().path(), k -> new ArrayList<>()).add(s));
        Map<String, List<Misconfiguration>> misconfigsByFile = new TreeMap<>();
        misconfigurations.forEach(m -> misconfigsByFile.computeIfAbsent(m.location().path(), k -> new ArrayList<>())
                .add(m));
        java.util.SortedSet<String> files = new java.util.TreeSet<>(secretsByFile.keySet());
        files.addAll(misconfigsByFile.keySet());
        Map<String, Result> fileResults = new LinkedHashMap<>();
        for (String file : files) {
            List<SecretFinding> fileSecrets = secretsByFile.getOrDefault(file, List.of()).stream()
                    .sorted(Comparator.comparingInt(SecretFinding::startLine).thenComparing(SecretFinding::ruleId))
                    .toList();
            List<Misconfiguration> fileMisconfigs = misconfigsByFile.getOrDefault(file, List.of()).stream()
                    .sorted(Comparator.comparingInt(Misconfiguration::startLine).thenComparing(Misconfiguration::checkId))
                    .toList();
            Result.Kind kind = file.equals(IMAGE_CONFIG) ? Result.Kind.IMAGE_CONFIG
                    : fileMisconfigs.isEmpty() ? Result.Kind.SECRET : Result.Kind.CONFIG;
            String type = kind == Result.Kind.CONFIG ? configType(file) : "";
            fileResults.put(file, new Result(file, kind, type, List.of(), List.of(), fileSecrets, fileMisconfigs,
                    List.of()));
        }
        Result imageConfig = fileResults.remove(IMAGE_CONFIG);
        if (imageConfig != null) {
            results.add(imageConfig);
        }
        results.addAll(fileResults.values());
        return results;
    }

    private static Result packageResult(String target, Result.Kind kind, String type, List<Package> packages,
                                        Map<String, List<VulnerabilityFinding>> vulnsByPackage) {
        List<VulnerabilityFinding> vulns = new ArrayList<>();
        for (Package p : packages) {
            List<VulnerabilityFinding> found = vulnsByPackage.get(Inventory.key(p));
            if (found != null) {
                vulns.addAll(found);
            }
        }
        vulns.sort(Comparator.comparing((VulnerabilityFinding v) -> v.pkg().name())
                .thenComparing(v -> v.pkg().version()).thenComparing(VulnerabilityFinding::id));
        return new Result(target, kind, type, packages, vulns, List.of(), List.of(), List.of());
    }

    /**
     * The file a language package belongs to: the outermost archive of a nested location ({@code a.jar!/b.jar} is
     * {@code a.jar}), the tree of installed packages ({@code /app/node_modules}, {@code .../site-packages}), else
     * the lockfile, manifest or binary itself.
     */
    static String languageTarget(Package p) {
        String path = p.path();
        if (path == null) {
            return p.type().purlType();
        }
        int nested = path.indexOf("!/");
        if (nested >= 0) {
            path = path.substring(0, nested);
        }
        for (String tree : List.of("/node_modules/", "/site-packages/", "/dist-packages/")) {
            int at = path.indexOf(tree);
            if (at >= 0 || path.startsWith(tree.substring(1))) {
                return at >= 0 ? path.substring(0, at + tree.length() - 1) : tree.substring(1, tree.length() - 1);
            }
        }
        return path;
    }

    private static String configType(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") ? "kubernetes"
                : "dockerfile";
    }
}
