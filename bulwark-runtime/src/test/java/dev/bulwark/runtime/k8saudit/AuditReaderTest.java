package dev.bulwark.runtime.k8saudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReaderTest {

    private static String event(String verb) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"verb\":\"" + verb + "\"}";
    }

    private record Collected(List<String> verbs, List<String> problems) {
    }

    private static Collected read(String text) {
        return read(text, AuditReader.MAX_LINE_BYTES);
    }

    private static Collected read(String text, int maxLine) {
        Collected c = new Collected(new ArrayList<>(), new ArrayList<>());
        AuditReader.read("audit.log", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new AuditReader.Handler() {
                    @Override
                    public void event(AuditEvent event) {
                        c.verbs().add(event.json().path("verb").asText());
                    }

                    @Override
                    public void problem(String where, String reason, String problem) {
                        c.problems().add(where + " " + reason + " " + problem);
                    }
                }, maxLine);
        return c;
    }

    @Test
    void aMalformedLineCostsOnlyThatLine() {
        Collected c = read(event("create") + "\n{\"kind\":\"Event\",\"verb\":\n" + event("delete") + "\n");
        assertThat(c.verbs()).containsExactly("create", "delete");
        assertThat(c.problems()).singleElement().asString().startsWith("line 2 malformed_json");
    }

    @Test
    void valuesThatAreNotAuditEventsAreReportedLikeFalcosPlugin() {
        Collected c = read("{\"kind\": 0}\n" + event("get") + "\n");
        assertThat(c.verbs()).containsExactly("get");
        assertThat(c.problems()).singleElement().asString()
                .isEqualTo("line 1 not_an_audit_event data not recognized as a k8s audit event");
    }

    @Test
    void readsWebhookEventListsArraysAndPrettyPrintedValues() {
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[" + event("a") + ","
                + event("b") + "]}";
        assertThat(read(list).verbs()).containsExactly("a", "b");
        assertThat(read("[\n  " + event("c") + ",\n  " + event("d") + "\n]\n").verbs()).containsExactly("c", "d");
        assertThat(read("{\n  \"kind\": \"Event\",\n  \"verb\": \"e\"\n}\n").verbs()).containsExactly("e");
    }

    @Test
    void aSyntaxErrorInADocumentNamesItsPositionAfterDeliveringWhatCameBefore() {
        List<String> verbs = new ArrayList<>();
        assertThatThrownBy(() -> AuditReader.read("batch.json", new ByteArrayInputStream(
                ("[" + event("ok") + ",\n{\"kind\": }]").getBytes(StandardCharsets.UTF_8)), new AuditReader.Handler() {
                    @Override
                    public void event(AuditEvent event) {
                        verbs.add(event.json().path("verb").asText());
                    }

                    @Override
                    public void problem(String where, String reason, String problem) {
                    }
                })).isInstanceOf(InputException.class).hasMessageContaining("batch.json")
                .hasMessageContaining("line 2");
        assertThat(verbs).containsExactly("ok");
    }

    @Test
    void anOverlongLineIsSkippedWithoutBufferingIt() {
        String big = "{\"kind\":\"Event\",\"verb\":\"" + "x".repeat(5000) + "\"}";
        Collected c = read(event("before") + "\n" + big + "\n" + event("after") + "\n", 1024);
        assertThat(c.verbs()).containsExactly("before", "after");
        assertThat(c.problems()).singleElement().asString().startsWith("line 2 too_large");
    }
}
