package dev.bulwark.runtime.k8saudit;

import static dev.bulwark.runtime.fields.FieldType.NUMBER;
import static dev.bulwark.runtime.fields.FieldType.STRING;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.runtime.fields.FieldInfo;
import dev.bulwark.runtime.fields.MapFieldCatalog;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fields of the {@code k8s_audit} source, with the names and meanings of Falco's k8saudit plugin
 * ({@code ka.*}) and json plugin ({@code jevt.*}). Booleans and numbers print as text, as the plugin's do; fields
 * over containers or rules yield one value per element (list fields).
 */
public final class AuditFields extends MapFieldCatalog<AuditEvent> {

    public AuditFields() {
        super("k8s_audit");
        text("ka.auditid", "/auditID");
        text("ka.stage", "/stage");
        text("ka.auth.decision", "/annotations/authorization.k8s.io~1decision");
        text("ka.auth.reason", "/annotations/authorization.k8s.io~1reason");
        text("ka.user.name", "/user/username");
        addList("ka.user.groups", STRING, "user groups", e -> strings(e.json().at("/user/groups")));
        text("ka.impuser.name", "/impersonatedUser/username");
        text("ka.verb", "/verb");
        text("ka.uri", "/requestURI");
        addWithArg("ka.uri.param", STRING, FieldInfo.Arg.REQUIRED_KEY, "a query parameter of the request URI",
                arg -> e -> uriParam(e, arg));
        text("ka.target.name", "/objectRef/name");
        text("ka.target.namespace", "/objectRef/namespace");
        text("ka.target.resource", "/objectRef/resource");
        text("ka.target.subresource", "/objectRef/subresource");
        text("ka.target.apigroup", "/objectRef/apiGroup");
        text("ka.target.apiversion", "/objectRef/apiVersion");
        json("ka.req.binding.subjects", "/requestObject/subjects");
        text("ka.req.binding.role", "/requestObject/roleRef/name");
        addWithArg("ka.req.binding.subject.has_name", STRING, FieldInfo.Arg.REQUIRED_KEY,
                "true when a subject has this name", arg -> e -> {
                    JsonNode subjects = e.json().at("/requestObject/subjects");
                    if (!subjects.isArray()) {
                        return null;
                    }
                    for (JsonNode s : subjects) {
                        if (arg.equals(s.path("name").asText(null))) {
                            return "true";
                        }
                    }
                    return "false";
                });
        text("ka.req.configmap.name", "/objectRef/name");
        json("ka.req.configmap.obj", "/requestObject/data");
        for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
            String base = "ka.req.pod." + kind;
            perContainer(base + ".image", kind, c -> c.path("image").asText(null));
            perContainer(base + ".image.repository", kind, c -> repository(c.path("image").asText(null)));
            perContainer(base + ".privileged", kind, c -> bool(c.at("/securityContext/privileged"), "false"));
            perContainer(base + ".allow_privilege_escalation", kind,
                    c -> bool(c.at("/securityContext/allowPrivilegeEscalation"), "true"));
            perContainer(base + ".read_only_fs", kind, c -> bool(c.at("/securityContext/readOnlyRootFilesystem"),
                    "false"));
            perContainer(base + ".run_as_user", kind, c -> scalar(c.at("/securityContext/runAsUser")));
            perContainer(base + ".run_as_group", kind, c -> scalar(c.at("/securityContext/runAsGroup")));
            perContainer(base + ".proc_mount", kind, c -> scalar(c.at("/securityContext/procMount")));
            perContainerList(base + ".add_capabilities", kind, c -> strings(c.at("/securityContext/capabilities/add")));
            perContainerList(base + ".host_port", kind, c -> {
                List<Object> out = new ArrayList<>();
                for (JsonNode p : c.path("ports")) {
                    if (p.has("hostPort")) {
                        out.add(p.get("hostPort").asText());
                    }
                }
                return out;
            });
            perContainer(base + ".eff_run_as_user", kind, c -> null);
            perContainer(base + ".eff_run_as_group", kind, c -> null);
        }
        add("ka.req.container.image", STRING, "first container image (deprecated)",
                e -> first(e, "/requestObject/spec/containers", c -> c.path("image").asText(null)));
        add("ka.req.container.image.repository", STRING, "first container image repository (deprecated)",
                e -> first(e, "/requestObject/spec/containers", c -> repository(c.path("image").asText(null))));
        add("ka.req.container.privileged", STRING, "true when any container is privileged (deprecated)", e -> {
            JsonNode containers = e.json().at("/requestObject/spec/containers");
            if (!containers.isArray()) {
                return null;
            }
            for (JsonNode c : containers) {
                if (c.at("/securityContext/privileged").asBoolean(false)) {
                    return "true";
                }
            }
            return "false";
        });
        add("ka.req.container.host_network", STRING, "hostNetwork (deprecated)",
                e -> bool(e.json().at("/requestObject/spec/hostNetwork"), "false"));
        for (String[] f : new String[][] {{"host_ipc", "hostIPC"}, {"host_network", "hostNetwork"},
            {"host_pid", "hostPID"}}) {
            add("ka.req.pod." + f[0], STRING, "pod " + f[1], e -> {
                JsonNode spec = e.json().at("/requestObject/spec");
                return spec.isMissingNode() ? null : bool(spec.path(f[1]), "false");
            });
        }
        text("ka.req.pod.run_as_user", "/requestObject/spec/securityContext/runAsUser");
        text("ka.req.pod.run_as_group", "/requestObject/spec/securityContext/runAsGroup");
        text("ka.req.pod.fs_group", "/requestObject/spec/securityContext/fsGroup");
        addList("ka.req.pod.supplemental_groups", STRING, "supplementalGroups",
                e -> strings(e.json().at("/requestObject/spec/securityContext/supplementalGroups")));
        addList("ka.req.pod.volumes.hostpath", STRING, "hostPath volume paths", e -> {
            JsonNode volumes = e.json().at("/requestObject/spec/volumes");
            if (!volumes.isArray()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (JsonNode v : volumes) {
                if (v.has("hostPath")) {
                    out.add(v.at("/hostPath/path").asText());
                }
            }
            return out;
        });
        addList("ka.req.pod.volumes.flexvolume_driver", STRING, "flexVolume drivers", e -> {
            List<Object> out = new ArrayList<>();
            for (JsonNode v : e.json().at("/requestObject/spec/volumes")) {
                if (v.has("flexVolume")) {
                    out.add(v.at("/flexVolume/driver").asText());
                }
            }
            return out;
        });
        addList("ka.req.pod.volumes.volume_type", STRING, "volume types", e -> {
            List<Object> out = new ArrayList<>();
            for (JsonNode v : e.json().at("/requestObject/spec/volumes")) {
                v.fieldNames().forEachRemaining(n -> {
                    if (!n.equals("name")) {
                        out.add(n);
                    }
                });
            }
            return out;
        });
        addWithArg("ka.req.volume.hostpath", STRING, FieldInfo.Arg.REQUIRED_KEY,
                "true when a hostPath volume matches the path (trailing * = prefix) (deprecated)", arg -> e -> {
                    JsonNode volumes = e.json().at("/requestObject/spec/volumes");
                    if (!volumes.isArray()) {
                        return null;
                    }
                    boolean prefix = arg.endsWith("*");
                    String want = prefix ? arg.substring(0, arg.length() - 1) : arg;
                    for (JsonNode v : volumes) {
                        String path = v.at("/hostPath/path").asText(null);
                        if (path != null && (prefix ? path.startsWith(want) : path.equals(want))) {
                            return "true";
                        }
                    }
                    return "false";
                });
        json("ka.req.role.rules", "/requestObject/rules");
        for (String part : List.of("apiGroups", "nonResourceURLs", "verbs", "resources")) {
            addList("ka.req.role.rules." + part, STRING, "role rule " + part, e -> {
                JsonNode rules = e.json().at("/requestObject/rules");
                if (!rules.isArray()) {
                    return null;
                }
                List<Object> out = new ArrayList<>();
                for (JsonNode r : rules) {
                    addAll(out, strings(r.path(part)));
                }
                return out;
            });
        }
        text("ka.req.service.type", "/requestObject/spec/type");
        json("ka.req.service.ports", "/requestObject/spec/ports");
        text("ka.resp.name", "/responseObject/metadata/name");
        add("ka.response.code", STRING, "HTTP status of the response", e -> scalar(e.json().at("/responseStatus/code")));
        text("ka.response.reason", "/responseStatus/reason");
        text("ka.useragent", "/userAgent");
        addList("ka.sourceips", STRING, "source IPs", e -> strings(e.json().at("/sourceIPs")));
        add("ka.cluster.name", STRING, "cluster name (not in audit events)", e -> null);
        add("jevt.time", STRING, "event time", e -> e.json().path("stageTimestamp").asText(null));
        add("jevt.time.iso8601", STRING, "event time, ISO 8601", e -> e.json().path("stageTimestamp").asText(null));
        add("jevt.rawtime", NUMBER, "event time in ns since the epoch", AuditFields::rawTime);
        add("jevt.obj", STRING, "the whole event as JSON", e -> e.json().toString());
        addWithArg("jevt.value", STRING, FieldInfo.Arg.REQUIRED_KEY, "value at a JSON pointer", arg -> {
            JsonPointer pointer;
            try {
                pointer = JsonPointer.compile(arg);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid JSON pointer '" + arg + "' in jevt.value");
            }
            return e -> scalar(e.json().at(pointer));
        });
        add("evt.time", STRING, "event time", e -> e.json().path("stageTimestamp").asText(null));
        add("evt.rawtime", NUMBER, "event time in ns", AuditFields::rawTime);
        add("evt.source", STRING, "event source", e -> "k8s_audit");
        add("evt.num", NUMBER, "event number", AuditEvent::num);
        add("evt.hostname", STRING, "host name", e -> null);
    }

    /** Nanoseconds since the epoch of the event's stage timestamp, or null. */
    public static Long rawTime(AuditEvent e) {
        String ts = e.json().path("stageTimestamp").asText(null);
        if (ts == null) {
            ts = e.json().path("requestReceivedTimestamp").asText(null);
        }
        if (ts == null) {
            return null;
        }
        try {
            Instant i = Instant.parse(ts);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    private void text(String name, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        add(name, STRING, "value at " + pointer, e -> scalar(e.json().at(p)));
    }

    private void json(String name, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        add(name, STRING, "JSON at " + pointer, e -> {
            JsonNode n = e.json().at(p);
            return n.isMissingNode() ? null : n.isValueNode() ? n.asText() : n.toString();
        });
    }

    private void perContainer(String name, String kind, Function<JsonNode, String> f) {
        addList(name, STRING, kind + " values, one per container", e -> {
            JsonNode containers = e.json().at("/requestObject/spec/" + kind);
            if (!containers.isArray()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (JsonNode c : containers) {
                String v = f.apply(c);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        });
    }

    private void perContainerList(String name, String kind, Function<JsonNode, List<Object>> f) {
        addList(name, STRING, kind + " values", e -> {
            JsonNode containers = e.json().at("/requestObject/spec/" + kind);
            if (!containers.isArray()) {
                return null;
            }
            List<Object> out = new ArrayList<>();
            for (JsonNode c : containers) {
                addAll(out, f.apply(c));
            }
            return out;
        });
    }

    private static void addAll(List<Object> out, List<Object> values) {
        if (values != null) {
            out.addAll(values);
        }
    }

    private static Object first(AuditEvent e, String pointer, Function<JsonNode, String> f) {
        JsonNode containers = e.json().at(pointer);
        return containers.isArray() && !containers.isEmpty() ? f.apply(containers.get(0)) : null;
    }

    private static String scalar(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String bool(JsonNode n, String missing) {
        return n == null || n.isMissingNode() || n.isNull() ? missing : String.valueOf(n.asBoolean());
    }

    private static List<Object> strings(JsonNode n) {
        if (n == null || !n.isArray()) {
            return n == null || n.isMissingNode() ? null : List.of(n.asText());
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode item : n) {
            out.add(item.asText());
        }
        return out;
    }

    /** {@code docker.io/library/nginx} of {@code docker.io/library/nginx:1.2} or {@code ...@sha256:..}. */
    static String repository(String image) {
        if (image == null) {
            return null;
        }
        int at = image.indexOf('@');
        String s = at >= 0 ? image.substring(0, at) : image;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    private static String uriParam(AuditEvent e, String name) {
        String uri = e.json().path("requestURI").asText(null);
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

}
