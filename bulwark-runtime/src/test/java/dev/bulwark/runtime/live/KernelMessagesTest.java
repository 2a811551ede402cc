package dev.bulwark.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's message layouts, built in code: netlink process-connector messages and inotify records. */
class KernelMessagesTest {

    /** nlmsghdr + cn_msg + proc_event with {@code what} and four u32 data words. */
    private static ByteBuffer procMessage(long what, int... data) {
        ByteBuffer b = ByteBuffer.allocate(16 + 20 + 16 + 24).order(ByteOrder.nativeOrder());
        b.putInt(0, b.capacity()).putShort(4, (short) 3);
        b.putInt(16, 1).putInt(20, 1).putShort(32, (short) 40);
        b.putInt(36, (int) what).putInt(40, 0).putLong(44, 123456789L);
        for (int i = 0; i < data.length; i++) {
            b.putInt(52 + 4 * i, data[i]);
        }
        return b;
    }

    @Test
    void processConnectorMessagesDecodeIntoForkExecAndExit() {
        List<ProcEvent> events = new ArrayList<>();
        ProcConnector.parse(procMessage(ProcConnector.PROC_EVENT_FORK, 100, 100, 201, 201), events);
        ProcConnector.parse(procMessage(ProcConnector.PROC_EVENT_EXEC, 201, 201), events);
        ProcConnector.parse(procMessage(ProcConnector.PROC_EVENT_EXIT, 201, 201, 0), events);
        ProcConnector.parse(procMessage(0x4, 201, 201, 0, 0), events);
        assertThat(events).containsExactly(new ProcEvent.Fork(100, 100, 201, 201), new ProcEvent.Exec(201, 201),
                new ProcEvent.Exit(201, 201, 0), new ProcEvent.Other(0x4));
    }

    @Test
    void aTruncatedNetlinkMessageIsIgnored() {
        List<ProcEvent> events = new ArrayList<>();
        ByteBuffer whole = procMessage(ProcConnector.PROC_EVENT_EXEC, 7, 7);
        ProcConnector.parse(whole.slice(0, 30).order(ByteOrder.nativeOrder()), events);
        assertThat(events).isEmpty();
    }

    private static void inotifyRecord(ByteBuffer b, int wd, int mask, int cookie, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int len = n.length == 0 ? 0 : (n.length / 16 + 1) * 16;
        b.putInt(wd).putInt(mask).putInt(cookie).putInt(len);
        b.put(n);
        for (int i = n.length; i < len; i++) {
            b.put((byte) 0);
        }
    }

    @Test
    void inotifyRecordsBecomeFileEventsWithRenamesPairedByCookie() {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.nativeOrder());
        inotifyRecord(b, 1, FileWatcher.IN_CLOSE_WRITE, 0, "passwd");
        inotifyRecord(b, 1, FileWatcher.IN_CLOSE_NOWRITE, 0, "shadow");
        inotifyRecord(b, 1, FileWatcher.IN_CLOSE_NOWRITE | FileWatcher.IN_ISDIR, 0, "ssl");
        inotifyRecord(b, 1, FileWatcher.IN_MOVED_FROM, 77, "hosts.tmp");
        inotifyRecord(b, 1, FileWatcher.IN_MOVED_TO, 77, "hosts");
        inotifyRecord(b, 2, FileWatcher.IN_CLOSE_WRITE, 0, "");
        inotifyRecord(b, 1, FileWatcher.IN_Q_OVERFLOW, 0, "");
        b.flip();
        FileWatcher watcher = new FileWatcher(java.util.Map.of(1, "/etc", 2, "=/root/.ssh/authorized_keys"));
        List<FileWatcher.FileEvent> events = new ArrayList<>();
        watcher.parse(b, events);
        assertThat(events).containsExactly(
                new FileWatcher.FileEvent(FileWatcher.Kind.WRITE, "/etc/passwd", null),
                new FileWatcher.FileEvent(FileWatcher.Kind.READ, "/etc/shadow", null),
                new FileWatcher.FileEvent(FileWatcher.Kind.RENAME, "/etc/hosts", "/etc/hosts.tmp"),
                new FileWatcher.FileEvent(FileWatcher.Kind.WRITE, "/root/.ssh/authorized_keys", null));
        assertThat(watcher.overflows()).isEqualTo(1);
    }
}
