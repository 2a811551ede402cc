package dev.bulwark.runtime.regression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * One case of Falco's legacy regression suite (a {@code trace_files: !mux} entry of {@code falco_tests.yaml} or
 * {@code falco_k8s_audit_tests.yaml}), with its paths mapped onto the corpus layout described in
 * {@code ../shared/corpus/falco/README.md}.
 */
record FalcoCase(String suite, String name, Map<String, Object> spec, Path dir) {

    /** The cases of {@code suite} in file order. */
    @SuppressWarnings("unchecked")
    static List<FalcoCase> load(Path dir, String suite) {
        String text;
        try {
            text = Files.readString(dir.resolve(suite)).replace("!mux", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> root = new Yaml().load(text);
        Map<String, Map<String, Object>> cases = (Map<String, Map<String, Object>>) root.get("trace_files");
        List<FalcoCase> out = new ArrayList<>();
        cases.forEach((name, spec) -> out.add(new FalcoCase(suite, name, spec, dir)));
        return out;
    }

    boolean has(String key) {
        return spec.containsKey(key);
    }

    Object get(String key) {
        return spec.get(key);
    }

    boolean flag(String key) {
        return Boolean.TRUE.equals(spec.get(key));
    }

    /** A scalar or a list, as a list of strings (empty when absent). */
    List<String> strings(String key) {
        Object v = spec.get(key);
        if (v == null || Boolean.FALSE.equals(v)) {
            return List.of();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    /** {@code detect_counts: [{rule: n, ...}, ...]} flattened, in order. */
    Map<String, Integer> detectCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        Object v = spec.get("detect_counts");
        if (v instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    m.forEach((k, n) -> out.put(String.valueOf(k), ((Number) n).intValue()));
                }
            }
        }
        return out;
    }

    /** A path of the case, mapped onto the corpus copy of the test directory. */
    Path path(String given) {
        String p = given;
        if (p.startsWith("../rules/")) {
            p = "rules-0.32.2/" + p.substring("../rules/".length());
        } else if (p.startsWith("BUILD_DIR/k8saudit-rules-prefix/src/k8saudit-rules/")) {
            p = "rules-0.32.2/" + p.substring("BUILD_DIR/k8saudit-rules-prefix/src/k8saudit-rules/".length());
        } else if (p.startsWith("BUILD_DIR/test/")) {
            p = p.substring("BUILD_DIR/test/".length());
        }
        return dir.resolve(p).normalize();
    }

    List<Path> rulesFiles() {
        return strings("rules_file").stream().map(this::path).toList();
    }
}
