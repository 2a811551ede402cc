package dev.bulwark.runtime.fields;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link FieldCatalog} built from a table of fields; implementations register each field with a binder that turns
 * the bracket argument into an extractor.
 *
 * @param <E> the event type of the source
 */
public class MapFieldCatalog<E> implements FieldCatalog<E> {

    private record Entry<E>(FieldInfo info, BiFunction<String, FieldInfo, Extractor<E>> binder) {
    }

    private final String source;
    private final Map<String, Entry<E>> entries = new LinkedHashMap<>();
    private final Map<String, Entry<E>> dotted = new LinkedHashMap<>();

    protected MapFieldCatalog(String source) {
        this.source = source;
    }

    /** Registers a field without argument. */
    protected final void add(String name, FieldType type, String description, Extractor<E> extractor) {
        entries.put(name, new Entry<>(FieldInfo.of(name, type, description), (arg, info) -> {
            if (arg != null) {
                throw new IllegalArgumentException("field " + name + " does not take an argument");
            }
            return extractor;
        }));
    }

    /** Registers a list field without argument. */
    protected final void addList(String name, FieldType type, String description, Extractor<E> extractor) {
        entries.put(name, new Entry<>(new FieldInfo(name, type, true, FieldInfo.Arg.NONE, description),
                (arg, info) -> {
                    if (arg != null) {
                        throw new IllegalArgumentException("field " + name + " does not take an argument");
                    }
                    return extractor;
                }));
    }

    /** Registers a field whose argument (possibly absent, per {@code arg}) is resolved by {@code binder}. */
    protected final void addWithArg(String name, FieldType type, FieldInfo.Arg arg, String description,
                                    Function<String, Extractor<E>> binder) {
        addWithArg(new FieldInfo(name, type, false, arg, description), binder);
    }

    protected final void addWithArg(FieldInfo info, Function<String, Extractor<E>> binder) {
        entries.put(info.name(), new Entry<>(info, (arg, i) -> {
            switch (i.arg()) {
                case REQUIRED_INDEX, REQUIRED_KEY -> {
                    if (arg == null) {
                        throw new IllegalArgumentException("field " + i.name() + " requires an argument");
                    }
                }
                case OPTIONAL_INDEX, OPTIONAL_KEY, NONE -> {
                }
            }
            if (arg != null && (i.arg() == FieldInfo.Arg.REQUIRED_INDEX || i.arg() == FieldInfo.Arg.OPTIONAL_INDEX)) {
                try {
                    Integer.parseInt(arg);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("field " + i.name() + " needs a numeric argument, got '"
                            + arg + "'");
                }
            }
            return binder.apply(arg);
        }));
    }

    /**
     * Registers a field that takes its argument either in brackets or after a dot, like {@code evt.arg.flags} and
     * {@code evt.arg[0]}.
     */
    protected final void addDotted(FieldInfo info, Function<String, Extractor<E>> binder) {
        addWithArg(info, binder);
        dotted.put(info.name(), entries.get(info.name()));
    }

    /** The entry and bracket argument for {@code name}, honouring dotted arguments; null when unknown. */
    private record Resolved<E>(Entry<E> entry, String arg) {
    }

    private Resolved<E> resolve(String name, String arg) {
        Entry<E> entry = entries.get(name);
        if (entry != null) {
            return new Resolved<>(entry, arg);
        }
        for (var d : dotted.entrySet()) {
            String prefix = d.getKey() + ".";
            if (name.startsWith(prefix) && name.length() > prefix.length() && arg == null) {
                return new Resolved<>(d.getValue(), name.substring(prefix.length()));
            }
        }
        return null;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final FieldInfo info(String name) {
        var resolved = resolve(name, null);
        return resolved == null ? null : resolved.entry().info();
    }

    @Override
    public final Collection<FieldInfo> fields() {
        return Collections.unmodifiableCollection(entries.values().stream().map(Entry::info).toList());
    }

    @Override
    public final Extractor<E> bind(String name, String arg) {
        var resolved = resolve(name, arg);
        if (resolved == null) {
            throw new IllegalArgumentException("filter_check called with nonexistent field " + name);
        }
        return resolved.entry().binder().apply(resolved.arg(), resolved.entry().info());
    }
}
