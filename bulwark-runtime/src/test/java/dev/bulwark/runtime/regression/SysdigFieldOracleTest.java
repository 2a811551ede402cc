package dev.bulwark.runtime.regression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.runtime.CaptureReplay;
import dev.bulwark.runtime.fields.Extractor;
import dev.bulwark.runtime.fields.SyscallFields;
import dev.bulwark.runtime.scap.ScapEvent;
import dev.bulwark.runtime.scap.ScapReader;
import dev.bulwark.runtime.state.StateTracker;
import dev.bulwark.runtime.state.SyscallEvent;
import dev.bulwark.testkit.Corpus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential test of field values against libsinsp: Debian's {@code sysdig} (0.29) prints, for every event of
 * corpus captures, the fields Falco's rules use ({@code sysdig -D -j -r FILE -p '*%evt.num %proc.name ...'}), and
 * Bulwark's extractors must give the same value for the same event, after the same state updates. Differences that
 * come from sysdig 0.29 itself (its libsinsp is older than the Falco 0.32+ semantics Bulwark follows) are listed in
 * {@link OracleDifferences} with the reason; any other difference fails the test. The per-field agreement table is
 * printed for docs/accuracy.md.
 */
class SysdigFieldOracleTest {

    /** Captures sysdig 0.29 can read (it refuses libs-captures/curl_google_comments.scap as truncated). */
    private static final List<String> CAPTURES = List.of(
            "falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap",
            "falco/legacy-tests-falco-0.32.2/trace_files/connect_localhost.scap",
            "falco/legacy-tests-falco-0.32.2/trace_files/empty.scap",
            "falco/legacy-tests-falco-0.32.2/trace_files/open-multiple-files.scap",
            "falco/legacy-tests-falco-0.32.2/trace_files/ping_sendto.scap",
            "falco/legacy-tests-falco-0.32.2/trace_files/syscall.scap",
            "falco/libs-captures/curl_google.scap",
            "falco/libs-captures/single_ipv6_conn.scap",
            "falco/libs-captures/test_ipv6_client.scap",
            "falco/legacy-tests-falco-0.31.1-psp/trace_files/psp/privileged.scap",
            "falco/legacy-tests-falco-0.31.1-psp/trace_files/psp/run_as_user_0_container.scap",
            "falco/legacy-tests-falco-0.31.1-psp/trace_files/psp/run_as_user_65534_container.scap",
            "falco/legacy-tests-falco-0.31.1-psp/trace_files/psp/write_tmp_test.scap");

    /**
     * The fields of the default, incubating and sandbox rules (current and Falco 0.32.2's) that sysdig 0.29 can
     * print, plus a few neighbours they are built from. Filter-only fields ({@code fd.ip}, {@code fd.port},
     * {@code fd.net}...) cannot be printed and are left out.
     */
    static final List<String> FIELDS = List.of(
            "evt.type", "evt.dir", "evt.res", "evt.rawres", "evt.failed", "evt.is_open_read", "evt.is_open_write",
            "evt.is_open_exec", "evt.args", "evt.buffer", "evt.arg.flags", "evt.arg.path", "evt.arg.name",
            "evt.arg.oldpath", "evt.arg.newpath", "evt.arg.uid", "evt.arg.mode", "evt.arg.filename",
            "evt.arg.target", "evt.arg.request", "evt.arg.cmd", "evt.arg.linkpath", "evt.arg.fd",
            "evt.arg.domain", "evt.arg[0]",
            "proc.pid", "proc.ppid", "proc.vpid", "proc.sid", "proc.vpgid", "proc.name", "proc.pname", "proc.exe",
            "proc.exepath", "proc.args", "proc.cmdline", "proc.pcmdline", "proc.cwd", "proc.tty", "proc.env",
            "proc.sname", "proc.loginshellid", "proc.aname[1]", "proc.aname[2]", "proc.aname[3]", "proc.aname[4]",
            "proc.aname[5]", "proc.aname[6]", "proc.aname[7]", "proc.apid[2]", "proc.duration",
            "thread.tid", "thread.ismain",
            "user.uid", "user.name", "user.loginuid", "user.loginname", "user.homedir", "user.shell", "group.gid",
            "group.name",
            "fd.num", "fd.type", "fd.typechar", "fd.name", "fd.directory", "fd.filename", "fd.l4proto",
            "fd.sockfamily", "fd.is_server", "fd.connected", "fd.name_changed", "fd.sip", "fd.cip", "fd.lip",
            "fd.rip", "fd.sport", "fd.cport", "fd.lport", "fd.rport", "fd.sip.name", "fd.cip.name", "fd.rip.name",
            "fd.lip.name",
            "container.id", "container.name", "container.image", "container.image.repository",
            "container.image.tag", "container.type", "container.privileged", "container.mounts");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** While working on a difference: {@code -Dbulwark.oracle.dump=FILE} writes every unexplained one, as TSV. */
    private static final java.io.PrintStream DUMP = openDump();

    private static java.io.PrintStream openDump() {
        String file = System.getProperty("bulwark.oracle.dump");
        try {
            return file == null ? null : new java.io.PrintStream(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fieldValuesAgreeWithSysdigOnEveryEventOfTheCorpusCaptures() throws Exception {
        Path sysdig = sysdig();
        Assumptions.assumeTrue(sysdig != null,
                "sysdig not found on PATH (Debian package 'sysdig', listed in .ci/run); skipping the field oracle");
        Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files");
        SyscallFields catalog = new SyscallFields();
        Map<String, Extractor<SyscallEvent>> extractors = new LinkedHashMap<>();
        for (String field : FIELDS) {
            int bracket = field.indexOf('[');
            extractors.put(field, bracket < 0 ? catalog.bind(field, null)
                    : catalog.bind(field.substring(0, bracket), field.substring(bracket + 1, field.length() - 1)));
        }
        Tally tally = new Tally();
        for (String relative : CAPTURES) {
            Path capture = Corpus.require(relative);
            Map<Long, JsonNode> expected = sysdigValues(sysdig, capture);
            String name = capture.getFileName().toString();
            try (ScapReader reader = ScapReader.open(capture)) {
                StateTracker state = new StateTracker(reader.info(), CaptureReplay.MAX_THREADS);
                ScapEvent raw;
                while ((raw = reader.next()) != null) {
                    SyscallEvent event = state.process(raw);
                    JsonNode oracle = expected.remove(raw.num());
                    if (oracle == null && event.typeName().equals("container")) {
                        tally.containerEvents++;
                        continue;
                    }
                    if (oracle == null) {
                        tally.onlyBulwark.add(name + " #" + raw.num() + " " + event.typeName() + " ts=" + raw.ts());
                        continue;
                    }
                    tally.events++;
                    for (Map.Entry<String, Extractor<SyscallEvent>> field : extractors.entrySet()) {
                        String want = sysdigText(oracle.get(field.getKey()));
                        String got = bulwarkText(field.getValue(), event);
                        tally.compare(name, field.getKey(), event, want, got);
                    }
                }
            }
            expected.keySet().forEach(num -> tally.onlySysdig.add(name + " #" + num));
        }
        System.out.println(tally.table());
        if (DUMP != null) {
            DUMP.flush();
        }
        assertThat(tally.events).as("events compared").isGreaterThan(10_000);
        assertThat(tally.onlySysdig).as("events sysdig printed that Bulwark did not read").isEmpty();
        assertThat(tally.onlyBulwark).as("events Bulwark read that sysdig did not print").isEmpty();
        assertThat(tally.unexplained).as("field values that differ from sysdig 0.29 without a known reason")
                .isEmpty();
    }

    private static Path sysdig() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "sysdig");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Every event's fields as sysdig prints them: {@code -D} keeps sysdig's own and internal events. */
    private static Map<Long, JsonNode> sysdigValues(Path sysdig, Path capture) throws IOException,
            InterruptedException {
        StringBuilder format = new StringBuilder("*%evt.num");
        FIELDS.forEach(f -> format.append(" %").append(f));
        Process process = new ProcessBuilder(sysdig.toString(), "-D", "-j", "-r", capture.toString(), "-p",
                format.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Long, JsonNode> byNumber = new HashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("{")) {
                    JsonNode node = JSON.readTree(line);
                    byNumber.put(node.get("evt.num").asLong(), node);
                }
            }
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("sysdig finished on " + capture).isTrue();
        assertThat(process.exitValue()).as("sysdig exit status on " + capture).isZero();
        return byNumber;
    }

    private static String sysdigText(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static String bulwarkText(Extractor<SyscallEvent> extractor, SyscallEvent event) {
        Object value;
        try {
            value = extractor.extract(event);
        } catch (RuntimeException e) {
            return "<" + e.getClass().getSimpleName() + ": " + e.getMessage() + ">";
        }
        return switch (value) {
            case null -> null;
            case byte[] bytes -> printable(bytes);
            case List<?> list -> String.join(" ", list.stream().map(String::valueOf).toList());
            default -> String.valueOf(value);
        };
    }

    /** How Bulwark prints a data buffer in alerts ({@code OutputFormat}): ASCII, and a dot for other bytes. */
    private static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte value : bytes) {
            int c = value & 0xff;
            out.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        return out.toString();
    }

    /** Agreement per field, and the differences no entry of {@link OracleDifferences} explains. */
    private static final class Tally {
        long events;
        long containerEvents;
        final List<String> onlySysdig = new ArrayList<>();
        final List<String> onlyBulwark = new ArrayList<>();
        final List<String> unexplained = new ArrayList<>();
        final Map<String, long[]> byField = new LinkedHashMap<>();
        final Map<String, Map<String, Long>> explainedByField = new LinkedHashMap<>();

        void compare(String capture, String field, SyscallEvent event, String want, String got) {
            long[] counts = byField.computeIfAbsent(field, f -> new long[4]);
            if (want == null && got == null) {
                counts[0]++;
                return;
            }
            if (want != null && want.equals(got)) {
                counts[1]++;
                return;
            }
            String reason = OracleDifferences.explain(field, event, want, got);
            if (reason != null) {
                counts[2]++;
                explainedByField.computeIfAbsent(field, f -> new LinkedHashMap<>()).merge(reason, 1L, Long::sum);
            } else {
                counts[3]++;
                if (DUMP != null) {
                    DUMP.println(capture + "\t" + event.raw().num() + "\t" + event.typeName()
                            + (event.isEnter() ? ">" : "<") + "\t" + field + "\t" + want + "\t" + got);
                }
                if (unexplained.size() < 300) {
                    unexplained.add(capture + " #" + event.raw().num() + " " + event.typeName()
                        + (event.isEnter() ? ">" : "<") + " " + field + ": sysdig=" + abbreviate(want)
                        + " bulwark=" + abbreviate(got));
                }
            }
        }

        private static String abbreviate(String s) {
            return s == null ? "<null>" : s.length() > 120 ? "'" + s.substring(0, 120) + "...'" : "'" + s + "'";
        }

        String table() {
            StringBuilder out = new StringBuilder("| field | equal values | both without a value "
                    + "| explained differences | unexplained |\n|---|---|---|---|---|\n");
            Map<String, Long> reasons = new java.util.TreeMap<>();
            for (Map.Entry<String, long[]> e : byField.entrySet()) {
                long[] c = e.getValue();
                out.append("| `").append(e.getKey()).append("` | ").append(c[1]).append(" | ").append(c[0])
                        .append(" | ").append(c[2]).append(" | ").append(c[3]).append(" |\n");
                explainedByField.getOrDefault(e.getKey(), Map.of()).forEach((r, n) -> reasons.merge(r, n, Long::sum));
            }
            reasons.forEach((r, n) -> out.append("REASON ").append(n).append(" values: ").append(r).append('\n'));
            out.append("events compared: ").append(events).append("; container events sysdig does not print: ")
                    .append(containerEvents).append('\n');
            unexplained.forEach(u -> out.append("UNEXPLAINED ").append(u).append('\n'));
            return out.toString();
        }
    }
}
