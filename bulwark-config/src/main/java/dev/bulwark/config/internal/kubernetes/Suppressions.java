package dev.bulwark.config.internal.kubernetes;

import dev.bulwark.config.CheckDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a Kubernetes resource opts out of. Bulwark's annotation and comment, and the annotations of checkov,
 * kube-score and Polaris, so that manifests annotated for those tools keep their exemptions:
 * <pre>
 * metadata:
 *   annotations:
 *     bulwark.dev/ignore: BW-K8S-005, CKV_K8S_8      # Bulwark ids or any alias
 *     checkov.io/skip1: CKV_K8S_20=reason                # also bridgecrew.io/ and cortex.io/
 *     kube-score/ignore: container-resources
 *     polaris.fairwinds.com/hostNetworkSet-exempt: "true"
 * # bulwark:ignore=BW-PSS-002                          # a comment right above the document also works
 * </pre>
 */
public final class Suppressions {

    private static final Pattern COMMENT = Pattern.compile("(?i)^#\\s*(?:bulwark[: ]ignore[=:]|trivy:ignore:)"
            + "\\s*([\\w\\-, ]+)$");
    private static final Pattern POLARIS = Pattern.compile("^polaris\\.fairwinds\\.com/(.+)-exempt$");

    private final List<String> ids;

    private Suppressions(List<String> ids) {
        this.ids = List.copyOf(ids);
    }

    /** The suppressions of {@code resource}, reading comments from the file's {@code lines}. */
    public static Suppressions of(KubernetesResource resource, List<String> lines) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, Object> annotation : resource.annotations().entrySet()) {
            String key = annotation.getKey();
            String value = KubernetesResource.string(annotation.getValue());
            if (key.equals("bulwark.dev/ignore") || key.equals("kube-score/ignore")) {
                split(value, ids);
            } else if (key.startsWith("checkov.io/skip") || key.startsWith("bridgecrew.io/skip")
                    || key.startsWith("cortex.io/skip")) {
                int equals = value.indexOf('=');
                ids.add((equals < 0 ? value : value.substring(0, equals)).strip());
            } else if (value.strip().equalsIgnoreCase("true")) {
                Matcher polaris = POLARIS.matcher(key);
                if (polaris.matches()) {
                    ids.add(polaris.group(1));
                }
            }
        }
        for (int line = resource.startLine() - 1; line >= 1 && line <= lines.size(); line--) {
            String text = lines.get(line - 1).strip();
            if (text.equals("---") || !text.isEmpty() && !text.startsWith("#")) {
                break;
            }
            Matcher comment = COMMENT.matcher(text);
            if (comment.matches()) {
                split(comment.group(1), ids);
            }
        }
        return new Suppressions(ids);
    }

    private static void split(String value, List<String> ids) {
        for (String id : value.split("[,\\s]+")) {
            if (!id.isBlank()) {
                ids.add(id.strip());
            }
        }
    }

    /** True when {@code check} is silenced for the resource. */
    public boolean suppresses(CheckDescriptor check) {
        for (String id : ids) {
            if (check.isNamed(id)) {
                return true;
            }
        }
        return false;
    }
}
