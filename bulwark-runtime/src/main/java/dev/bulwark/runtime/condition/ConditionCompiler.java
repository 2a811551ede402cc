package dev.bulwark.runtime.condition;

import dev.bulwark.runtime.fields.Extractor;
import dev.bulwark.runtime.fields.FieldCatalog;
import dev.bulwark.runtime.fields.FieldInfo;
import dev.bulwark.runtime.fields.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns an expanded condition tree (no macro or list references left, see {@link MacroExpander}) into a
 * {@link Filter}: every field is bound once to an {@link Extractor}, every right-hand side parsed once into the
 * field's type, {@code in} lists into hash sets.
 *
 * <p>Semantics follow libsinsp: a check whose field has no value for the event is false (for every operator,
 * including {@code !=}); on list-valued fields {@code in} needs every value in the set, {@code intersects} any, and
 * other operators any value.
 *
 * @param <E> the event type of the source
 */
public final class ConditionCompiler<E> {

    private final FieldCatalog<E> catalog;

    public ConditionCompiler(FieldCatalog<E> catalog) {
        this.catalog = catalog;
    }

    /** A bound field: how to read it and what it yields. */
    public record Bound<E>(Extractor<E> extractor, FieldType type, boolean list) {
    }

    public Filter<E> compile(Expr expr) {
        return switch (expr) {
            case Expr.And and -> {
                List<Filter<E>> parts = and.children().stream().map(this::compile).toList();
                yield andOf(parts);
            }
            case Expr.Or or -> {
                List<Filter<E>> parts = or.children().stream().map(this::compile).toList();
                yield orOf(parts);
            }
            case Expr.Not not -> {
                Filter<E> inner = compile(not.child());
                yield e -> !inner.test(e);
            }
            case Expr.Constant constant -> {
                boolean value = constant.value();
                yield e -> value;
            }
            case Expr.MacroRef ref -> throw new ConditionException(
                    "Undefined macro '" + ref.name() + "' used in filter.", ref.pos());
            case Expr.Compare compare -> compileCompare(compare);
        };
    }

    @SuppressWarnings("unchecked")
    private static <E> Filter<E> andOf(List<Filter<E>> parts) {
        if (parts.size() == 2) {
            Filter<E> a = parts.get(0);
            Filter<E> b = parts.get(1);
            return e -> a.test(e) && b.test(e);
        }
        Filter<E>[] array = parts.toArray(Filter[]::new);
        return e -> {
            for (Filter<E> f : array) {
                if (!f.test(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    @SuppressWarnings("unchecked")
    private static <E> Filter<E> orOf(List<Filter<E>> parts) {
        if (parts.size() == 2) {
            Filter<E> a = parts.get(0);
            Filter<E> b = parts.get(1);
            return e -> a.test(e) || b.test(e);
        }
        Filter<E>[] array = parts.toArray(Filter[]::new);
        return e -> {
            for (Filter<E> f : array) {
                if (f.test(e)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Binds a field reference (with transformers) to an extractor. */
    public Bound<E> bind(FieldRef ref) {
        return switch (ref) {
            case FieldRef.Plain plain -> {
                FieldInfo info = catalog.info(plain.name());
                if (info == null) {
                    throw new ConditionException("filter_check called with nonexistent field " + plain.name(),
                            plain.pos());
                }
                Extractor<E> extractor;
                try {
                    extractor = catalog.bind(plain.name(), plain.arg());
                } catch (IllegalArgumentException e) {
                    throw new ConditionException(e.getMessage(), plain.pos());
                }
                yield new Bound<>(extractor, info.type(), info.list());
            }
            case FieldRef.Transformed transformed -> transform(transformed);
        };
    }

    private Bound<E> transform(FieldRef.Transformed transformed) {
        Bound<E> inner = bind(transformed.inner());
        Extractor<E> source = inner.extractor();
        if (inner.list() && transformed.transformer() != FieldRef.Transformer.LEN) {
            throw new ConditionException("transformer " + transformed.transformer().keyword()
                    + " cannot be applied to list field " + transformed.inner(), transformed.pos());
        }
        return switch (transformed.transformer()) {
            case TOLOWER -> new Bound<>(e -> mapString(source.extract(e), s -> s.toLowerCase(Locale.ROOT)),
                    FieldType.STRING, false);
            case TOUPPER -> new Bound<>(e -> mapString(source.extract(e), s -> s.toUpperCase(Locale.ROOT)),
                    FieldType.STRING, false);
            case BASENAME -> new Bound<>(e -> mapString(source.extract(e), s -> {
                int slash = s.lastIndexOf('/');
                return slash < 0 ? s : s.substring(slash + 1);
            }), FieldType.STRING, false);
            case B64 -> new Bound<>(e -> mapString(source.extract(e), s -> {
                try {
                    return new String(Base64.getDecoder().decode(s.trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    return null;
                }
            }), FieldType.STRING, false);
            case LEN -> new Bound<>(e -> {
                Object v = source.extract(e);
                return switch (v) {
                    case null -> null;
                    case List<?> list -> (long) list.size();
                    case byte[] bytes -> (long) bytes.length;
                    default -> (long) asString(v).length();
                };
            }, FieldType.NUMBER, false);
        };
    }

    private static Object mapString(Object value, java.util.function.Function<String, String> f) {
        return value == null ? null : f.apply(asString(value));
    }

    private Filter<E> compileCompare(Expr.Compare compare) {
        Bound<E> field = bind(compare.field());
        Operator op = compare.op();
        Extractor<E> extractor = field.extractor();
        if (op == Operator.EXISTS) {
            return e -> {
                Object v = extractor.extract(e);
                return v != null && !(v instanceof List<?> list && list.isEmpty());
            };
        }
        if (compare.operand() instanceof Operand.FieldValue other) {
            return compileFieldComparison(field, op, bind(other.field()), compare.pos());
        }
        List<String> values = switch (compare.operand()) {
            case Operand.Value value -> List.of(value.text());
            case Operand.ValueList list -> list.items().stream().map(Operand.Value::text).toList();
            case Operand.ListName name -> throw new ConditionException(
                    "Undefined list '" + name.name() + "' used in filter.", name.pos());
            case Operand.FieldValue ignored -> throw new IllegalStateException();
            case null -> throw new ConditionException("operator " + op.symbol() + " needs a value", compare.pos());
        };
        if (compare.operand() instanceof Operand.ValueList && op.kind() != Operator.Kind.LIST) {
            throw new ConditionException("operator " + op.symbol() + " does not take a list", compare.pos());
        }
        Predicate<Object> matcher = matcher(field.type(), op, values, compare);
        boolean allMustMatch = op == Operator.IN;
        return e -> {
            Object v = extractor.extract(e);
            if (v == null) {
                return false;
            }
            if (!(v instanceof List<?> list)) {
                return matcher.test(v);
            }
            if (list.isEmpty()) {
                return false;
            }
            for (Object item : list) {
                boolean hit = item != null && matcher.test(item);
                if (allMustMatch && !hit) {
                    return false;
                }
                if (!allMustMatch && hit) {
                    return true;
                }
            }
            return allMustMatch;
        };
    }

    /** A test of one extracted (non-null, scalar) value against the parsed right-hand side. */
    private Predicate<Object> matcher(FieldType type, Operator op, List<String> values, Expr.Compare compare) {
        SourcePos pos = compare.operand() == null ? compare.pos() : compare.operand().pos();
        return switch (type) {
            case NUMBER -> numberMatcher(op, values, pos);
            case BOOL -> boolMatcher(op, values, pos);
            case IPADDR, IPNET -> ipMatcher(type, op, values, pos);
            case STRING, BYTES -> stringMatcher(op, values, pos);
        };
    }

    private static Predicate<Object> numberMatcher(Operator op, List<String> values, SourcePos pos) {
        long[] parsed = new long[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = parseNumber(values.get(i), pos);
        }
        long first = parsed.length > 0 ? parsed[0] : 0;
        return switch (op) {
            case EQ, EQEQ -> v -> asLong(v) == first;
            case NE -> v -> asLong(v) != first;
            case LT -> v -> asLong(v) < first;
            case LE -> v -> asLong(v) <= first;
            case GT -> v -> asLong(v) > first;
            case GE -> v -> asLong(v) >= first;
            case IN, INTERSECTS -> {
                Set<Long> set = new HashSet<>();
                for (long l : parsed) {
                    set.add(l);
                }
                yield v -> set.contains(asLong(v));
            }
            default -> throw new ConditionException("operator " + op.symbol() + " is not supported on numeric fields",
                    pos);
        };
    }

    private static long parseNumber(String text, SourcePos pos) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                return (long) Double.parseDouble(text);
            }
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            try {
                return Long.parseUnsignedLong(text);
            } catch (NumberFormatException again) {
                throw new ConditionException("'" + text + "' is not a valid number", pos);
            }
        }
    }

    private static Predicate<Object> boolMatcher(Operator op, List<String> values, SourcePos pos) {
        Set<Boolean> set = new HashSet<>();
        for (String value : values) {
            set.add(parseBool(value, pos));
        }
        boolean first = set.contains(Boolean.TRUE) && values.size() == 1;
        return switch (op) {
            case EQ, EQEQ -> v -> asBool(v) == first;
            case NE -> v -> asBool(v) != first;
            case IN, INTERSECTS -> v -> set.contains(asBool(v));
            default -> throw new ConditionException("operator " + op.symbol() + " is not supported on boolean fields",
                    pos);
        };
    }

    private static boolean parseBool(String text, SourcePos pos) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConditionException("'" + text + "' is not a valid boolean", pos);
    }

    private static Predicate<Object> ipMatcher(FieldType type, Operator op, List<String> values, SourcePos pos) {
        List<IpValues.Network> networks = new ArrayList<>();
        for (String value : values) {
            IpValues.Network network = IpValues.parseNetwork(value);
            if (network == null) {
                throw new ConditionException("'" + value + "' is not a valid IP address or network", pos);
            }
            networks.add(network);
        }
        Predicate<Object> inAny = v -> {
            byte[] address = IpValues.parseAddress(asString(v).split("/", 2)[0]);
            for (IpValues.Network n : networks) {
                if (n.contains(address)) {
                    return true;
                }
            }
            return false;
        };
        return switch (op) {
            case EQ, EQEQ, IN, INTERSECTS -> inAny;
            case NE -> inAny.negate();
            default -> throw new ConditionException("operator " + op.symbol() + " is not supported on "
                    + type.name().toLowerCase(Locale.ROOT) + " fields", pos);
        };
    }

    private static Predicate<Object> stringMatcher(Operator op, List<String> values, SourcePos pos) {
        String first = values.isEmpty() ? "" : values.getFirst();
        return switch (op) {
            case EQ, EQEQ -> v -> first.equals(asString(v));
            case NE -> v -> !first.equals(asString(v));
            case LT -> v -> asString(v).compareTo(first) < 0;
            case LE -> v -> asString(v).compareTo(first) <= 0;
            case GT -> v -> asString(v).compareTo(first) > 0;
            case GE -> v -> asString(v).compareTo(first) >= 0;
            case CONTAINS -> v -> asString(v).contains(first);
            case ICONTAINS -> {
                String lower = first.toLowerCase(Locale.ROOT);
                yield v -> asString(v).toLowerCase(Locale.ROOT).contains(lower);
            }
            case STARTSWITH -> v -> asString(v).startsWith(first);
            case ENDSWITH -> v -> asString(v).endsWith(first);
            case BCONTAINS, BSTARTSWITH -> {
                byte[] needle;
                try {
                    needle = HexFormat.of().parseHex(first);
                } catch (IllegalArgumentException e) {
                    throw new ConditionException("'" + first + "' is not a valid hex string", pos);
                }
                String latin = new String(needle, StandardCharsets.ISO_8859_1);
                yield op == Operator.BCONTAINS ? v -> asLatin1(v).contains(latin) : v -> asLatin1(v).startsWith(latin);
            }
            case GLOB, IGLOB -> {
                Pattern pattern = Glob.compile(first, op == Operator.IGLOB);
                yield v -> pattern.matcher(asString(v)).matches();
            }
            case REGEX -> {
                Pattern pattern;
                try {
                    pattern = Pattern.compile(first);
                } catch (PatternSyntaxException e) {
                    throw new ConditionException("invalid regular expression '" + first + "': "
                            + e.getDescription(), pos);
                }
                yield v -> pattern.matcher(asString(v)).matches();
            }
            case IN, INTERSECTS -> {
                if (values.size() == 1) {
                    yield v -> first.equals(asString(v));
                }
                Set<String> set = new HashSet<>(values);
                yield v -> set.contains(asString(v));
            }
            case PMATCH -> {
                List<String> prefixes = values.stream().map(p -> p.endsWith("/") && p.length() > 1
                        ? p.substring(0, p.length() - 1) : p).toList();
                yield v -> {
                    String path = asString(v);
                    for (String prefix : prefixes) {
                        if (path.startsWith(prefix) && (path.length() == prefix.length()
                                || path.charAt(prefix.length()) == '/' || prefix.equals("/"))) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case EXISTS -> v -> true;
        };
    }

    private Filter<E> compileFieldComparison(Bound<E> left, Operator op, Bound<E> right, SourcePos pos) {
        Extractor<E> l = left.extractor();
        Extractor<E> r = right.extractor();
        boolean numeric = left.type() == FieldType.NUMBER && right.type() == FieldType.NUMBER;
        return switch (op) {
            case EQ, EQEQ, NE, LT, LE, GT, GE -> e -> {
                Object a = l.extract(e);
                Object b = r.extract(e);
                if (a == null || b == null || a instanceof List || b instanceof List) {
                    return false;
                }
                int cmp = numeric ? Long.compare(asLong(a), asLong(b)) : asString(a).compareTo(asString(b));
                return switch (op) {
                    case EQ, EQEQ -> cmp == 0;
                    case NE -> cmp != 0;
                    case LT -> cmp < 0;
                    case LE -> cmp <= 0;
                    case GT -> cmp > 0;
                    default -> cmp >= 0;
                };
            };
            case CONTAINS, ICONTAINS, STARTSWITH, ENDSWITH -> e -> {
                Object a = l.extract(e);
                Object b = r.extract(e);
                if (a == null || b == null) {
                    return false;
                }
                String x = asString(a);
                String y = asString(b);
                return switch (op) {
                    case CONTAINS -> x.contains(y);
                    case ICONTAINS -> x.toLowerCase(Locale.ROOT).contains(y.toLowerCase(Locale.ROOT));
                    case STARTSWITH -> x.startsWith(y);
                    default -> x.endsWith(y);
                };
            };
            case IN, INTERSECTS -> e -> {
                Object a = l.extract(e);
                Object b = r.extract(e);
                if (a == null || b == null) {
                    return false;
                }
                List<?> as = a instanceof List<?> la ? la : List.of(a);
                Set<String> bs = new HashSet<>();
                for (Object o : b instanceof List<?> lb ? lb : List.of(b)) {
                    bs.add(asString(o));
                }
                if (op == Operator.IN) {
                    return !as.isEmpty() && as.stream().allMatch(o -> bs.contains(asString(o)));
                }
                return as.stream().anyMatch(o -> bs.contains(asString(o)));
            };
            default -> throw new ConditionException("operator " + op.symbol() + " does not support val()", pos);
        };
    }

    static String asString(Object value) {
        return switch (value) {
            case String s -> s;
            case byte[] bytes -> new String(bytes, StandardCharsets.ISO_8859_1);
            default -> String.valueOf(value);
        };
    }

    private static String asLatin1(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                : new String(asString(value).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static long asLong(Object value) {
        return switch (value) {
            case Long l -> l;
            case Number n -> n.longValue();
            case Boolean b -> b ? 1 : 0;
            default -> {
                try {
                    yield Long.parseLong(asString(value));
                } catch (NumberFormatException e) {
                    yield Long.MIN_VALUE;
                }
            }
        };
    }

    private static boolean asBool(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Number n -> n.longValue() != 0;
            default -> Boolean.parseBoolean(asString(value));
        };
    }
}
