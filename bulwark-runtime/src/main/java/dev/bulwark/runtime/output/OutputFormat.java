package dev.bulwark.runtime.output;

import dev.bulwark.runtime.condition.ConditionCompiler;
import dev.bulwark.runtime.condition.ConditionException;
import dev.bulwark.runtime.condition.FieldRef;
import dev.bulwark.runtime.condition.SourcePos;
import dev.bulwark.runtime.fields.FieldCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's {@code output:} template with its {@code %field} tokens bound once; renders the text and the
 * {@code output_fields} map of an alert.
 *
 * @param <E> the event type of the source
 */
public final class OutputFormat<E> {

    private sealed interface Part {
    }

    private record Text(String text) implements Part {
    }

    private record Field<E>(String name, ConditionCompiler.Bound<E> bound) implements Part {
    }

    private final List<Part> parts;

    private OutputFormat(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code template}.
     *
     * @throws IllegalArgumentException with Falco's wording when a token names no field
     */
    public static <E> OutputFormat<E> parse(String template, FieldCatalog<E> catalog) {
        ConditionCompiler<E> binder = new ConditionCompiler<>(catalog);
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 >= template.length()) {
                text.append(c);
                i++;
                continue;
            }
            int start = i + 1;
            boolean paren = template.charAt(start) == '(';
            int j = paren ? start + 1 : start;
            while (j < template.length() && isFieldChar(template.charAt(j))) {
                j++;
            }
            String name = template.substring(paren ? start + 1 : start, j);
            if (name.isEmpty()) {
                text.append(c);
                i++;
                continue;
            }
            while (catalog.info(name) == null && name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
                j--;
            }
            String arg = null;
            if (j < template.length() && template.charAt(j) == '[') {
                int close = template.indexOf(']', j);
                if (close > j) {
                    arg = template.substring(j + 1, close);
                    j = close + 1;
                }
            }
            if (paren) {
                if (j < template.length() && template.charAt(j) == ')') {
                    j++;
                }
            }
            if (catalog.info(name) == null) {
                throw new IllegalArgumentException("invalid formatting token " + name);
            }
            ConditionCompiler.Bound<E> bound;
            try {
                bound = binder.bind(new FieldRef.Plain(name, arg, SourcePos.NONE));
            } catch (ConditionException e) {
                throw new IllegalArgumentException("invalid formatting token " + name + ": " + e.getMessage());
            }
            if (!text.isEmpty()) {
                parts.add(new Text(text.toString()));
                text.setLength(0);
            }
            parts.add(new Field<>(arg == null ? name : name + "[" + arg + "]", bound));
            i = j;
        }
        if (!text.isEmpty()) {
            parts.add(new Text(text.toString()));
        }
        return new OutputFormat<>(List.copyOf(parts));
    }

    private static boolean isFieldChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }

    /** The rendered text; fields without a value print {@code <NA>}, as in Falco. */
    @SuppressWarnings("unchecked")
    public String render(E event) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Field<?> f -> out.append(display(extract((Field<E>) f, event)));
            }
        }
        return out.toString();
    }

    /** The value of every field token, keyed by the token as written ({@code proc.aname[2]}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fields(E event) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part instanceof Field<?> f) {
                Object v = extract((Field<E>) f, event);
                out.put(f.name(), v instanceof List<?> list ? display(list) : v instanceof byte[] b ? display(b) : v);
            }
        }
        return out;
    }

    /** A field's value; a field that fails on this event has no value, like one the event does not carry. */
    private static <E> Object extract(Field<E> field, E event) {
        try {
            return field.bound().extractor().extract(event);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Data buffers print their ASCII characters and a dot for every other byte, as libsinsp prints them. */
    static String printable(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte value : bytes) {
            int c = value & 0xff;
            out.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        return out.toString();
    }

    static String display(Object value) {
        return switch (value) {
            case null -> "<NA>";
            case List<?> list -> {
                StringBuilder b = new StringBuilder("(");
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        b.append(',');
                    }
                    b.append(list.get(i));
                }
                yield b.append(')').toString();
            }
            case byte[] bytes -> printable(bytes);
            default -> String.valueOf(value);
        };
    }
}
