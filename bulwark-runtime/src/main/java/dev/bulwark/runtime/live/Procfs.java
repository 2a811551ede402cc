package dev.bulwark.runtime.live;

import dev.bulwark.runtime.scap.CaptureInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what libscap's process scan reads from {@code /proc/<pid>}: {@code stat} (parent, session, process group,
 * terminal), {@code status} (effective uid/gid, capabilities, the pid inside its namespace), {@code cmdline},
 * {@code exe} and {@code cwd} links, {@code environ}, {@code cgroup} and {@code loginuid}. A process can exit while
 * it is read; whatever could not be read stays empty, and {@link #read} returns null when the process is gone.
 */
public final class Procfs {

    /** At most this much of {@code cmdline} or {@code environ} is read (libscap reads a page or two). */
    static final int MAX_VECTOR_BYTES = 64 * 1024;

    private final Path root;

    /** @param root the proc file system, {@code /proc} */
    public Procfs(Path root) {
        this.root = root;
    }

    /** The pids of the processes now running (numeric entries of the proc root). */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    out.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The process {@code pid} as a process-list entry, or null when it does not exist (any more). */
    public CaptureInfo.ThreadRecord read(long pid) {
        Path dir = root.resolve(Long.toString(pid));
        String stat = text(dir.resolve("stat"));
        if (stat == null) {
            return null;
        }
        Stat s = Stat.parse(stat);
        if (s == null) {
            return null;
        }
        String status = text(dir.resolve("status"));
        long uid = statusField(status, "Uid:", 1);
        long gid = statusField(status, "Gid:", 1);
        long vpid = statusLast(status, "NSpid:", pid);
        long capPrm = statusHex(status, "CapPrm:");
        long capEff = statusHex(status, "CapEff:");
        List<String> argv = nulSeparated(dir.resolve("cmdline"));
        String exe = argv.isEmpty() ? s.comm() : argv.getFirst();
        List<String> args = argv.size() > 1 ? List.copyOf(argv.subList(1, argv.size())) : List.of();
        String exepath = link(dir.resolve("exe"));
        String cwd = link(dir.resolve("cwd"));
        List<String> env = nulSeparated(dir.resolve("environ"));
        List<String> cgroups = cgroups(text(dir.resolve("cgroup")));
        String loginuidText = text(dir.resolve("loginuid"));
        long loginuid = 0xffffffffL;
        if (loginuidText != null) {
            try {
                loginuid = Long.parseLong(loginuidText.trim());
            } catch (NumberFormatException ignored) {
                // keep "unset"
            }
        }
        return new CaptureInfo.ThreadRecord(pid, pid, s.ppid(), s.session(), s.pgrp(), s.comm(), exe, exepath, args,
                cwd, 0, 0, uid, gid, env, vpid, vpid, cgroups, "/", loginuid, capPrm, capEff, s.ttyNr());
    }

    /** {@code /proc/<pid>/stat}: the fields after the parenthesised command name. */
    record Stat(String comm, long ppid, long pgrp, long session, long ttyNr) {
        static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open < 0 || close < open) {
                return null;
            }
            String comm = line.substring(open + 1, close);
            String[] f = line.substring(close + 1).trim().split(" ");
            if (f.length < 5) {
                return null;
            }
            try {
                return new Stat(comm, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * {@code /proc/<pid>/cgroup} lines ({@code 4:memory:/docker/<id>}, {@code 0::/system.slice/...}) as libscap
     * passes them to rules: {@code memory=/docker/<id>}; the unified (v2) hierarchy is named {@code unified}.
     */
    public static List<String> cgroups(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                continue;
            }
            String controllers = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (controllers.isEmpty()) {
                out.add("unified=" + path);
            } else {
                for (String c : controllers.split(",")) {
                    out.add(c + "=" + path);
                }
            }
        }
        return out;
    }

    private static long statusField(String status, String key, int index) {
        if (status == null) {
            return 0xffffffffL;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).trim().split("\\s+");
                if (f.length > index) {
                    try {
                        return Long.parseLong(f[index]);
                    } catch (NumberFormatException e) {
                        return 0xffffffffL;
                    }
                }
            }
        }
        return 0xffffffffL;
    }

    private static long statusLast(String status, String key, long fallback) {
        if (status == null) {
            return fallback;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(f[f.length - 1]);
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static long statusHex(String status, String key) {
        if (status == null) {
            return 0;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                try {
                    return Long.parseUnsignedLong(line.substring(key.length()).trim(), 16);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static String text(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_VECTOR_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String link(Path link) {
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.endsWith(" (deleted)") ? target.substring(0, target.length() - 10) : target;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static List<String> nulSeparated(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_VECTOR_BYTES);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            out.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return out;
    }
}
