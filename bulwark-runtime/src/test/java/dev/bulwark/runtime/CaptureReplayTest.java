package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import dev.bulwark.core.UsageException;
import dev.bulwark.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReplayTest {

    @TempDir
    Path dir;

    private static Path catWrite() {
        return Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap");
    }

    private RuleSet rules(String yaml) throws IOException {
        Path file = dir.resolve("rules-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return RuleSet.load(List.of(file));
    }

    private static List<Alert> replay(RuleSet rules, EngineOptions options) {
        List<Alert> alerts = new ArrayList<>();
        CaptureReplay.run(catWrite(), rules, options, alerts::add);
        return alerts;
    }

    private static final String OPEN_BY_CAT = """
            - rule: open_from_cat
              desc: cat opens
              condition: evt.type=open and proc.name=cat
              output: "An open was seen (command=%proc.cmdline)"
              priority: WARNING
              tags: [process, filesystem, testing]
            """;

    @Test
    void alertCarriesFalcosTextTimeFieldsAndSortedTags() throws IOException {
        List<Alert> alerts = replay(rules(OPEN_BY_CAT), EngineOptions.DEFAULTS.withIsoTime(true));
        // cat opens four files; the enter and the exit event of each open match (Falco's suite counts 8)
        assertThat(alerts).hasSize(8);
        Alert first = alerts.getFirst();
        // the values Falco's own regression suite expects for this rule on this capture (grpc_unix_socket_outputs)
        assertThat(first.output()).isEqualTo(
                "2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)");
        assertThat(first.timeNs()).isEqualTo(1470327477_881781397L);
        assertThat(first.tags()).containsExactly("filesystem", "process", "testing");
        assertThat(first.outputFields()).containsEntry("proc.cmdline", "cat /dev/null")
                .containsEntry("evt.time", 1470327477_881781397L);
        assertThat(first.source()).isEqualTo("syscall");
        assertThat(first.hostname()).isEqualTo("ubuntu");
        assertThat(first.priority()).isEqualTo(Priority.WARNING);
    }

    @Test
    void jsonAlertHasFalcosPropertiesAndNanosecondTime() throws IOException {
        Alert first = replay(rules(OPEN_BY_CAT), EngineOptions.DEFAULTS).getFirst();
        JsonNode json = new ObjectMapper().readTree(AlertFormat.json(first));
        assertThat(json.path("time").asText()).isEqualTo("2016-08-04T16:17:57.881781397Z");
        assertThat(json.path("rule").asText()).isEqualTo("open_from_cat");
        assertThat(json.path("priority").asText()).isEqualTo("Warning");
        assertThat(json.path("source").asText()).isEqualTo("syscall");
        assertThat(json.path("output").asText()).isEqualTo(
                "16:17:57.881781397: Warning An open was seen (command=cat /dev/null)");
        assertThat(json.path("output_fields").path("proc.cmdline").asText()).isEqualTo("cat /dev/null");
        assertThat(json.path("output_fields").path("evt.time").isNumber()).isTrue();
        assertThat(json.path("tags")).hasSize(3);
        JsonNode bare = new ObjectMapper().readTree(new AlertFormat(true, false, false).format(first));
        assertThat(bare.has("output")).isFalse();
        assertThat(bare.has("tags")).isFalse();
    }

    @Test
    void firstMatchRaisesOnlyTheEarliestLoadedRuleWhileAllMatchRaisesEach() throws IOException {
        RuleSet two = rules(OPEN_BY_CAT + """
                - rule: open_dev_null
                  desc: /dev/null opened
                  condition: evt.type=open and fd.name=/dev/null
                  output: "null opened"
                  priority: INFO
                """);
        List<Alert> first = replay(two, EngineOptions.DEFAULTS);
        assertThat(first).extracting(Alert::rule).containsOnly("open_from_cat").hasSize(8);
        List<Alert> all = replay(two, EngineOptions.DEFAULTS.withMatching(EngineOptions.Matching.ALL));
        assertThat(all).filteredOn(a -> a.rule().equals("open_dev_null")).hasSize(1);
        assertThat(all).filteredOn(a -> a.rule().equals("open_from_cat")).hasSize(8);
    }

    @Test
    void catchAllRuleCompetesInLoadOrderWithIndexedRules() throws IOException {
        RuleSet rules = rules("""
                - rule: anything_on_dev_null
                  desc: catch-all
                  condition: fd.name=/dev/null
                  output: "dev null"
                  priority: INFO
                  warn_evttypes: false
                """ + OPEN_BY_CAT);
        List<Alert> alerts = replay(rules, EngineOptions.DEFAULTS);
        // the open exit of /dev/null is claimed by the catch-all rule loaded first; the other 7 opens by cat
        assertThat(alerts).filteredOn(a -> a.rule().equals("anything_on_dev_null")).hasSize(1);
        assertThat(alerts).filteredOn(a -> a.rule().equals("open_from_cat")).hasSize(7);
    }

    @Test
    void readsAndClosesAreHiddenUnlessAllEventsAreAsked() throws IOException {
        RuleSet rules = rules("""
                - rule: close_dev_null
                  desc: close
                  condition: evt.type=close and fd.name=/dev/null
                  output: "closed %fd.name"
                  priority: INFO
                """);
        List<Alert> none = new ArrayList<>();
        RuntimeStats stats = CaptureReplay.run(catWrite(), rules, EngineOptions.DEFAULTS, none::add);
        assertThat(none).isEmpty();
        assertThat(stats.eventsSkipped().get("simple_consumer")).isPositive();
        assertThat(stats.eventsEvaluated() + stats.skippedTotal()).isEqualTo(stats.eventsRead());
        assertThat(stats.eventsRead()).isEqualTo(345);
        List<Alert> all = replay(rules, EngineOptions.DEFAULTS.withAllEvents(true));
        assertThat(all).isNotEmpty().allSatisfy(a -> assertThat(a.output()).endsWith("closed /dev/null"));
    }

    @Test
    void containerShortcutIsAppendedToSyscallOutputs() throws IOException {
        Alert first = replay(rules(OPEN_BY_CAT), EngineOptions.DEFAULTS.withAppendOutput("c")).getFirst();
        assertThat(first.output()).endsWith("(command=cat /dev/null) container=host (id=host)");
        assertThat(first.outputFields()).containsEntry("container.id", "host");
    }

    @Test
    void appendedFormatWithAnUnknownFieldIsAUsageError() throws IOException {
        RuleSet rules = rules(OPEN_BY_CAT);
        assertThatThrownBy(() -> replay(rules, EngineOptions.DEFAULTS.withAppendOutput("x=%proc.nosuch")))
                .isInstanceOf(UsageException.class).hasMessageContaining("proc.nosuch");
    }

    @Test
    void selectionByPriorityTagAndNameSubstring() throws IOException {
        RuleSet rules = rules(OPEN_BY_CAT);
        assertThat(replay(rules, EngineOptions.DEFAULTS.withSelection(
                RuleSelection.ALL.withMinimumPriority(Priority.ERROR)))).isEmpty();
        assertThat(replay(rules, EngineOptions.DEFAULTS.withSelection(
                new RuleSelection(null, List.of("from_c"), Set.of(), Set.of())))).isEmpty();
        assertThat(replay(rules, EngineOptions.DEFAULTS.withSelection(
                new RuleSelection(null, List.of(), Set.of(), Set.of("testing"))))).hasSize(8);
        assertThat(replay(rules, EngineOptions.DEFAULTS.withSelection(
                new RuleSelection(null, List.of(), Set.of("testing"), Set.of())))).isEmpty();
        assertThatThrownBy(() -> new RuleSelection(null, List.of("x"), Set.of(), Set.of("a")))
                .isInstanceOf(UsageException.class).hasMessageContaining("-D/-T").hasMessageContaining("-t");
    }

    @Test
    void aCaptureThatIsNotOneIsAnInputErrorNamingIt() throws IOException {
        RuleSet rules = rules(OPEN_BY_CAT);
        assertThatThrownBy(() -> CaptureReplay.run("junk.scap", new ByteArrayInputStream(new byte[64]), rules,
                EngineOptions.DEFAULTS, a -> { }))
                .isInstanceOf(InputException.class).hasMessageContaining("junk.scap");
    }

    @Test
    void rulesWrittenForFalco042OnlySeeExitEventsUnlessAsked() throws IOException {
        RuleSet current = rules("- required_engine_version: 0.57.0\n" + OPEN_BY_CAT);
        List<Alert> exits = new ArrayList<>();
        RuntimeStats stats = CaptureReplay.run(catWrite(), current, EngineOptions.DEFAULTS, exits::add);
        assertThat(exits).hasSize(4);
        assertThat(stats.eventsSkipped()).containsKey("enter_event");
        assertThat(replay(current, EngineOptions.DEFAULTS.withEnterEvents(EngineOptions.EnterEvents.EVALUATE)))
                .hasSize(8);
        assertThat(replay(rules(OPEN_BY_CAT), EngineOptions.DEFAULTS.withEnterEvents(EngineOptions.EnterEvents.SKIP)))
                .hasSize(4);
    }
}
