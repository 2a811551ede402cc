package dev.bulwark.runtime.scap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scap event table: for each event type code its name, category, flags and parameter encodings, plus the
 * syscall names used by generic events. Loaded once from {@code scap-events.tsv}; immutable and shared.
 */
public final class EventTable {

    /** Category and flag bits of the table (libscap's {@code ppm_event_category}/{@code ppm_event_flags}). */
    public static final int EF_CREATES_FD = 1;
    public static final int EF_DESTROYS_FD = 2;
    public static final int EF_USES_FD = 4;
    public static final int EF_READS_FROM_FD = 8;
    public static final int EF_WRITES_TO_FD = 16;
    public static final int EF_MODIFIES_STATE = 32;
    public static final int EF_UNUSED = 64;
    public static final int EF_WAITS = 128;
    public static final int EF_SKIPPARSERESET = 256;
    public static final int EF_OLD_VERSION = 512;
    public static final int EF_DROP_SIMPLE_CONS = 1024;
    public static final int EF_LARGE_PAYLOAD = 2048;
    /** Events with any of these flags are not shown to rules unless all events are asked for (Falco's {@code -A}). */
    public static final int SIMPLE_CONSUMER_SKIP = EF_SKIPPARSERESET | EF_UNUSED | EF_DROP_SIMPLE_CONS;

    /** The generic syscall events, whose name comes from their syscall id parameter. */
    public static final int GENERIC_E = 0;
    public static final int GENERIC_X = 1;

    /** One parameter: name, encoding, and for flags the names of the bits. */
    public record Param(String name, ParamType type, Map<Long, String> flagNames, int dirfdParam) {
    }

    /** One event type. */
    public record EventInfo(int code, String name, int category, int flags, List<Param> params) {

        public boolean isEnter() {
            return (code & 1) == 0;
        }

        /** Index of the parameter called {@code name}, or -1. */
        public int paramIndex(String param) {
            for (int i = 0; i < params.size(); i++) {
                if (params.get(i).name().equals(param)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final EventTable DEFAULT = load();

    private final EventInfo[] events;
    private final String[] syscallNames;
    private final int[] syscallFlags;
    private final Map<String, List<Integer>> codesByName;
    private final String[] typeNames;
    private final Map<String, Integer> typeIds;
    private final int[] eventTypeIds;
    private final int[] syscallTypeIds;

    private EventTable(EventInfo[] events, String[] syscallNames, int[] syscallFlags) {
        this.events = events;
        this.syscallNames = syscallNames;
        this.syscallFlags = syscallFlags;
        Map<String, List<Integer>> byName = new HashMap<>();
        for (EventInfo e : events) {
            if (e != null) {
                byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e.code());
            }
        }
        this.codesByName = Collections.unmodifiableMap(byName);
        Set<String> names = new TreeSet<>(byName.keySet());
        for (String s : syscallNames) {
            if (s != null) {
                names.add(s);
            }
        }
        this.typeNames = names.toArray(String[]::new);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < typeNames.length; i++) {
            ids.put(typeNames[i], i);
        }
        this.typeIds = Collections.unmodifiableMap(ids);
        this.eventTypeIds = new int[events.length];
        for (int code = 0; code < events.length; code++) {
            eventTypeIds[code] = events[code] == null ? -1 : ids.get(events[code].name());
        }
        this.syscallTypeIds = new int[syscallNames.length];
        for (int id = 0; id < syscallNames.length; id++) {
            syscallTypeIds[id] = syscallNames[id] == null ? -1 : ids.get(syscallNames[id]);
        }
    }

    /**
     * A dense number for every event and syscall name ({@code evt.type} value), so per-event lookups (the rule
     * index) are array accesses; -1 for a name this table does not know.
     */
    public int typeId(String name) {
        Integer id = typeIds.get(name);
        return id == null ? -1 : id;
    }

    /** The name numbered {@code id} by {@link #typeId}. */
    public String typeName(int id) {
        return typeNames[id];
    }

    /** How many type ids there are. */
    public int typeCount() {
        return typeNames.length;
    }

    /** The type id of event code {@code code}, -1 when unknown. */
    public int eventTypeId(int code) {
        return code >= 0 && code < eventTypeIds.length ? eventTypeIds[code] : -1;
    }

    /** The type id of the syscall called {@code id} in generic events, -1 when unknown. */
    public int syscallTypeId(int id) {
        return id >= 0 && id < syscallTypeIds.length ? syscallTypeIds[id] : -1;
    }

    public static EventTable get() {
        return DEFAULT;
    }

    /** The event with type {@code code}, or {@code null} for a code newer than this table. */
    public EventInfo event(int code) {
        return code >= 0 && code < events.length ? events[code] : null;
    }

    public int size() {
        return events.length;
    }

    /** The syscall called {@code id} in generic events, or {@code null}. */
    public String syscallName(int id) {
        return id >= 0 && id < syscallNames.length ? syscallNames[id] : null;
    }

    public int syscallFlags(int id) {
        return id >= 0 && id < syscallFlags.length ? syscallFlags[id] : 0;
    }

    /** The event codes named {@code name} (both directions, all versions), empty when none. */
    public List<Integer> codes(String name) {
        return codesByName.getOrDefault(name, List.of());
    }

    /** True when {@code name} is an event or a syscall known to this table. */
    public boolean knowsName(String name) {
        if (codesByName.containsKey(name)) {
            return true;
        }
        for (String s : syscallNames) {
            if (name.equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Every event and syscall name. */
    public Set<String> allNames() {
        Set<String> names = new TreeSet<>(codesByName.keySet());
        for (String s : syscallNames) {
            if (s != null) {
                names.add(s);
            }
        }
        return names;
    }

    private static EventTable load() {
        try (InputStream in = Objects.requireNonNull(EventTable.class.getResourceAsStream(
                "/dev/bulwark/runtime/scap-events.tsv"), "scap-events.tsv missing");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, Map<Long, String>> flagTables = new HashMap<>();
            Map<Integer, EventInfo> events = new HashMap<>();
            Map<Integer, String> syscalls = new HashMap<>();
            Map<Integer, Integer> syscallFlags = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                switch (parts[0]) {
                    case "F" -> {
                        Map<Long, String> names = new LinkedHashMap<>();
                        for (int i = 2; i < parts.length; i++) {
                            int eq = parts[i].lastIndexOf('=');
                            // two names for one value (AF_LOCAL, AF_UNIX): the first listed is the one printed
                            names.putIfAbsent(Long.parseLong(parts[i].substring(eq + 1)), parts[i].substring(0, eq));
                        }
                        flagTables.put(parts[1], names);
                    }
                    case "S" -> {
                        syscalls.put(Integer.parseInt(parts[1]), parts[2]);
                        syscallFlags.put(Integer.parseInt(parts[1]), Integer.parseInt(parts[3]));
                    }
                    case "E" -> {
                        int code = Integer.parseInt(parts[1]);
                        List<Param> params = new ArrayList<>();
                        for (int i = 5; i < parts.length; i++) {
                            String[] p = parts[i].split(":");
                            Map<Long, String> flags = null;
                            int dirfd = -1;
                            if (p.length > 2) {
                                if (p[2].startsWith("dirfd=")) {
                                    dirfd = Integer.parseInt(p[2].substring(6));
                                } else {
                                    flags = flagTables.get(p[2]);
                                }
                            }
                            params.add(new Param(p[0], ParamType.valueOf(p[1]), flags, dirfd));
                        }
                        events.put(code, new EventInfo(code, parts[2], Integer.parseInt(parts[3]),
                                Integer.parseInt(parts[4]), List.copyOf(params)));
                    }
                    default -> throw new IllegalStateException("bad line in scap-events.tsv: " + line);
                }
            }
            int max = events.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            EventInfo[] table = new EventInfo[max + 1];
            events.forEach((code, info) -> table[code] = info);
            int maxSc = syscalls.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            String[] names = new String[maxSc + 1];
            int[] flags = new int[maxSc + 1];
            syscalls.forEach((id, name) -> names[id] = name);
            syscallFlags.forEach((id, f) -> flags[id] = f);
            return new EventTable(table, names, flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
