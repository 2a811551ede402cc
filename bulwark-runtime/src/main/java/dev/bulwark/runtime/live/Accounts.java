package dev.bulwark.runtime.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's users and groups from {@code /etc/passwd} and {@code /etc/group} (what libscap's user list holds), for
 * {@code user.name}, {@code user.homedir} and {@code group.name}. Names of users that exist only inside containers
 * are not known, as in Falco without the container's files.
 */
public record Accounts(Map<Long, String[]> users, Map<Long, String> groups) {

    /** Reads {@code etc/passwd} and {@code etc/group} under {@code root}; missing files give empty tables. */
    public static Accounts read(Path root) {
        Map<Long, String[]> users = new HashMap<>();
        for (String[] f : lines(root.resolve("etc/passwd"))) {
            if (f.length >= 6) {
                parse(f[2]).ifPresent(uid -> users.put(uid, new String[] {f[0], f[5]}));
            }
        }
        Map<Long, String> groups = new HashMap<>();
        for (String[] f : lines(root.resolve("etc/group"))) {
            if (f.length >= 3) {
                parse(f[2]).ifPresent(gid -> groups.put(gid, f[0]));
            }
        }
        return new Accounts(Map.copyOf(users), Map.copyOf(groups));
    }

    private static java.util.Optional<Long> parse(String text) {
        try {
            return java.util.Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<String[]> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split(":", -1)).toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
