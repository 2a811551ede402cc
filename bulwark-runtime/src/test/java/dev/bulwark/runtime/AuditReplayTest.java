package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.testkit.Corpus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReplayTest {

    private static final Path TRACES = Path.of("falco/legacy-tests-falco-0.32.2/trace_files/k8s_audit");

    private static RuleSet auditRules() {
        return RuleSet.load(List.of(Corpus.require("falco/rules/k8s_audit_rules.yaml")));
    }

    private static Path trace(String name) {
        return Corpus.require(TRACES.resolve(name).toString());
    }

    @Test
    void privilegedPodCreationRaisesTheCurrentRulesAlertWithAuditFields() {
        List<Alert> alerts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        RuntimeStats stats = AuditReplay.run(trace("create_nginx_pod_privileged.json"), auditRules(),
                EngineOptions.DEFAULTS, alerts::add, problems::add);
        assertThat(problems).isEmpty();
        assertThat(stats.eventsRead()).isEqualTo(1);
        Alert alert = alerts.stream().filter(a -> a.rule().equals("Create Privileged Pod")).findFirst().orElseThrow();
        assertThat(alert.source()).isEqualTo("k8s_audit");
        assertThat(alert.outputFields())
                .containsEntry("ka.user.name", "system:serviceaccount:kube-system:replicaset-controller")
                .containsEntry("ka.resp.name", "nginx-deployment-5cdcc99dbf-rgw6z");
        assertThat(alert.output()).contains("Pod started with privileged container");
        // the event's stageTimestamp is 2018-10-25T14:09:12.581541Z
        assertThat(AlertFormat.isoTime(alert.timeNs())).isEqualTo("2018-10-25T14:09:12.581541000Z");
    }

    @Test
    void aRecordThatIsNotAnAuditEventIsReportedWithFileAndLine() {
        List<String> problems = new ArrayList<>();
        RuntimeStats stats = AuditReplay.run(trace("fal_01_003.json"), auditRules(), EngineOptions.DEFAULTS,
                a -> { }, problems::add);
        assertThat(problems).singleElement().asString().endsWith(
                "fal_01_003.json: line 1: data not recognized as a k8s audit event");
        assertThat(stats.eventsDropped()).containsEntry("not_an_audit_event", 1L);
        assertThat(stats.eventsRead()).isZero();
    }

    private static ObjectNode eventList(String... traces) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode list = mapper.createObjectNode().put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
        ArrayNode items = list.putArray("items");
        for (String t : traces) {
            items.add(mapper.readTree(Files.readString(trace(t))));
        }
        return list;
    }

    private static HttpResponse<String> post(AuditWebhook hook, String path, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hook.address().getPort() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void webhookRunsTheRulesOnEveryEventOfAPostedBatch() throws Exception {
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AuditWebhook hook = AuditWebhook.start(new InetSocketAddress("127.0.0.1", 0), AuditWebhook.DEFAULT_PATH,
                auditRules(), EngineOptions.DEFAULTS, alerts::add, 100, problems::add);
        try (hook) {
            HttpResponse<String> ok = post(hook, "/k8s-audit", eventList("create_nginx_pod_privileged.json",
                    "create_nginx_pod_hostnetwork.json", "fal_01_003.json").toString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(post(hook, "/k8s-audit", "{\"kind\":").statusCode()).isEqualTo(400);
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + hook.address().getPort() + "/k8s-audit")).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(get.statusCode()).isEqualTo(405);
            }
        }
        assertThat(alerts).extracting(Alert::rule).containsExactly("Create Privileged Pod", "Create HostNetwork Pod");
        RuntimeStats stats = hook.stats();
        assertThat(stats.eventsRead()).isEqualTo(2);
        assertThat(stats.eventsDropped()).containsEntry("not_an_audit_event", 1L).containsEntry("malformed_json", 1L);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("data not recognized as a k8s audit event"));
    }

    @Test
    void webhookRefusesABatchItCannotQueueAndAnOversizedBody() throws Exception {
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        AuditWebhook hook = AuditWebhook.start(new InetSocketAddress("127.0.0.1", 0), AuditWebhook.DEFAULT_PATH,
                auditRules(), EngineOptions.DEFAULTS, alerts::add, 1, p -> { }, 4096);
        try (hook) {
            JsonNode two = eventList("create_secret.json", "delete_secret.json");
            String small = eventList("create_secret.json").toString();
            HttpResponse<String> busy = post(hook, "/k8s-audit", two.toString());
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).isPresent();
            assertThat(post(hook, "/k8s-audit", "[" + " ".repeat(5000) + "]").statusCode()).isEqualTo(413);
            assertThat(post(hook, "/k8s-audit", small).statusCode()).isEqualTo(200);
        }
        RuntimeStats stats = hook.stats();
        assertThat(stats.eventsRead()).isEqualTo(1);
        assertThat(stats.eventsDropped()).containsEntry("queue_full", 2L).containsEntry("request_too_large", 1L);
    }
}
