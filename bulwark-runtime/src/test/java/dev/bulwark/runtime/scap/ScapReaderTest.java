package dev.bulwark.runtime.scap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.InputException;
import dev.bulwark.runtime.fields.SyscallFields;
import dev.bulwark.runtime.state.StateTracker;
import dev.bulwark.runtime.state.SyscallEvent;
import dev.bulwark.testkit.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ScapReaderTest {

    private static final SyscallFields FIELDS = new SyscallFields();

    private static List<SyscallEvent> replay(Path capture) {
        List<SyscallEvent> events = new ArrayList<>();
        try (ScapReader reader = ScapReader.open(capture)) {
            StateTracker state = new StateTracker(reader.info(), 100_000);
            ScapEvent raw;
            while ((raw = reader.next()) != null) {
                events.add(state.process(raw));
            }
        }
        return events;
    }

    private static Object field(SyscallEvent e, String name) {
        int bracket = name.indexOf('[');
        return bracket < 0 ? FIELDS.bind(name, null).extract(e)
                : FIELDS.bind(name.substring(0, bracket), name.substring(bracket + 1, name.length() - 1)).extract(e);
    }

    @Test
    void readsEveryEventOfAnOldFormatCaptureWithItsHeader() {
        Path capture = Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap");
        try (ScapReader reader = ScapReader.open(capture)) {
            assertThat(reader.info().hostname()).isEqualTo("ubuntu");
            assertThat(reader.info().threads()).isNotEmpty();
        }
        // the count scapdump (libscap) reports for this file, see ../shared/corpus/falco/README.md
        assertThat(replay(capture).size()).isEqualTo(345);
    }

    /** Field values of the open exit events, read right after each event updates the state (as rules do). */
    private static List<java.util.Map<String, Object>> openExits(Path capture, List<String> fields) {
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        try (ScapReader reader = ScapReader.open(capture)) {
            StateTracker state = new StateTracker(reader.info(), 100_000);
            ScapEvent raw;
            while ((raw = reader.next()) != null) {
                SyscallEvent e = state.process(raw);
                if (e.typeName().equals("open") && !e.isEnter()) {
                    java.util.Map<String, Object> values = new java.util.HashMap<>();
                    for (String f : fields) {
                        values.put(f, field(e, f));
                    }
                    out.add(values);
                }
            }
        }
        return out;
    }

    @Test
    void fieldValuesMatchSysdigOnTheOpenExitEvents() {
        // Expected values printed by sysdig 0.29: sysdig -r cat_write.scap -p '%evt.num %fd.name %evt.arg.flags
        //   %evt.arg.fd %proc.aname[2] %proc.apid[1] %user.loginuid %evt.time.iso8601' 'evt.type=open and evt.dir=<'
        List<String> fields = List.of("fd.name", "evt.num", "proc.name", "evt.arg.flags", "evt.arg.fd",
                "fd.typechar", "evt.res", "evt.rawres", "evt.is_open_read", "proc.aname[2]", "proc.apid[1]",
                "user.loginuid", "evt.time.iso8601", "container.id");
        List<java.util.Map<String, Object>> opens = openExits(
                Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap"), fields);
        assertThat(opens).extracting(m -> m.get("fd.name")).containsExactly("/etc/ld.so.cache",
                "/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/locale/locale-archive", "/dev/null");
        java.util.Map<String, Object> first = opens.getFirst();
        assertThat(first.get("evt.num")).isEqualTo(141L);
        assertThat(first.get("proc.name")).isEqualTo("cat");
        assertThat(first.get("evt.arg.flags")).isEqualTo("O_RDONLY|O_CLOEXEC");
        assertThat(first.get("evt.arg.fd")).isEqualTo("<f>/etc/ld.so.cache");
        assertThat(first.get("fd.typechar")).isEqualTo("f");
        assertThat(first.get("evt.res")).isEqualTo("SUCCESS");
        assertThat(first.get("evt.rawres")).isEqualTo(3L);
        assertThat(first.get("evt.is_open_read")).isEqualTo(true);
        assertThat(first.get("proc.aname[2]")).isEqualTo("emacs");
        assertThat(first.get("proc.apid[1]")).isEqualTo(11310L);
        assertThat(first.get("user.loginuid")).isEqualTo(-1L);
        assertThat(first.get("evt.time.iso8601")).isEqualTo("2016-08-04T16:17:57.881785348+0000");
        assertThat(first.get("container.id")).isEqualTo("host");
    }

    @Test
    void readsTheNewerBlockFormatsOfAllCorpusCaptures() {
        // Counts scapdump (libsinsp) reports; libsinsp consumes the container events at the start of a capture
        // (timestamp 0) itself, so they are left out of the comparison.
        assertThat(visibleCount(Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/ping_sendto.scap")))
                .isEqualTo(1526);
        assertThat(visibleCount(Corpus.require(
                "falco/legacy-tests-falco-0.32.2/trace_files/open-multiple-files.scap"))).isEqualTo(1269);
    }

    private static long visibleCount(Path capture) {
        return replay(capture).stream().filter(e -> !(e.typeName().equals("container") && e.raw().ts() == 0))
                .count();
    }

    @Test
    void truncatedCaptureIsAnInputErrorNamingTheFile() throws Exception {
        Path capture = Corpus.require("falco/legacy-tests-falco-0.32.2/trace_files/cat_write.scap");
        byte[] plain;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(capture))) {
            plain = in.readAllBytes();
        }
        byte[] cut = java.util.Arrays.copyOf(plain, plain.length - 100);
        assertThatThrownBy(() -> {
            try (ScapReader reader = ScapReader.open("cut.scap", new ByteArrayInputStream(cut))) {
                while (reader.next() != null) {
                    // drain
                }
            }
        }).isInstanceOf(InputException.class).hasMessageContaining("cut.scap").hasMessageContaining("truncated");
    }

    @Test
    void notACaptureIsRejected() {
        assertThatThrownBy(() -> ScapReader.open("x.scap", new ByteArrayInputStream("hello world".getBytes())))
                .isInstanceOf(InputException.class).hasMessageContaining("x.scap").hasMessageContaining("not a scap");
    }
}
