package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live sensor on this machine: real process executions through CN_PROC and real file writes through inotify.
 * Skips, with the sensor's own explanation, where the kernel does not permit a source.
 */
class HostSensorTest {

    @TempDir
    Path dir;

    private RuleSet rules() throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                - macro: spawned_process
                  condition: evt.type in (execve, execveat) and evt.dir=<
                - rule: sleeper spawned
                  desc: a marked sleep started
                  condition: spawned_process and proc.name=sleep and proc.args contains "0.0123"
                  output: "sleep started (cmdline=%proc.cmdline parent=%proc.pname exepath=%proc.exepath uid=%user.uid container=%container.id)"
                  priority: NOTICE
                - rule: watched write
                  desc: a file in the watched directory was written
                  condition: evt.type=openat and evt.dir=< and evt.is_open_write=true and fd.name endswith "/marker.txt"
                  output: "written %fd.name by %proc.name"
                  priority: WARNING
                """);
        return RuleSet.load(List.of(file));
    }

    private static HostSensor startOrSkip(RuleSet rules, HostSensor.Options options, List<Alert> alerts) {
        try {
            return HostSensor.start(rules, EngineOptions.DEFAULTS, options, alerts::add, p -> { });
        } catch (InputException e) {
            Assumptions.abort("live sensor source not permitted here: " + e.getMessage());
            throw e;
        }
    }

    private static Alert await(List<Alert> alerts, Predicate<Alert> wanted) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            synchronized (alerts) {
                for (Alert a : alerts) {
                    if (wanted.test(a)) {
                        return a;
                    }
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void aProcessStartedByThisJvmRaisesASpawnedProcessAlertEnrichedFromProc() throws Exception {
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        HostSensor.Options options = new HostSensor.Options(true, List.of(), Path.of("/proc"), Path.of("/"));
        try (HostSensor sensor = startOrSkip(rules(), options, alerts)) {
            assertThat(sensor.sources()).containsExactly("process connector (CN_PROC)");
            Process sleep = new ProcessBuilder("sleep", "0.0123").start();
            assertThat(sleep.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Alert alert = await(alerts, a -> a.rule().equals("sleeper spawned"));
            assertThat(alert).as("alert for the spawned sleep").isNotNull();
            assertThat(alert.outputFields()).containsEntry("proc.cmdline", "sleep 0.0123")
                    .containsEntry("proc.pname", "java").containsEntry("container.id", "host")
                    .containsEntry("user.uid", ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid"))
                            .longValue());
            assertThat(String.valueOf(alert.outputFields().get("proc.exepath"))).endsWith("/sleep");
            assertThat(sensor.stats().eventsRead()).isPositive();
        }
    }

    @Test
    void aWriteInAWatchedDirectoryRaisesAnOpenForWritingWithoutAProcess() throws Exception {
        List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
        Path watched = Files.createDirectory(dir.resolve("watched"));
        HostSensor.Options options = new HostSensor.Options(false, List.of(watched), Path.of("/proc"), Path.of("/"));
        try (HostSensor sensor = startOrSkip(rules(), options, alerts)) {
            assertThat(sensor.sources()).containsExactly("inotify (1 paths)");
            Files.writeString(watched.resolve("marker.txt"), "x");
            Alert alert = await(alerts, a -> a.rule().equals("watched write"));
            assertThat(alert).as("alert for the write").isNotNull();
            assertThat(alert.outputFields()).containsEntry("fd.name", watched.resolve("marker.txt").toString())
                    .containsEntry("proc.name", "<NA>");
        }
    }

    @Test
    void nothingToWatchIsRefusedWithAReason() throws IOException {
        HostSensor.Options options = new HostSensor.Options(false, List.of(dir.resolve("missing")), Path.of("/proc"),
                Path.of("/"));
        List<String> problems = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostSensor.start(rules(), EngineOptions.DEFAULTS,
                options, a -> { }, problems::add)).isInstanceOf(InputException.class)
                .hasMessageContaining("could be watched");
        assertThat(problems).singleElement().asString().contains("missing").contains("ENOENT");
    }
}
