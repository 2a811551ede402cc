package dev.bulwark.runtime.condition;

/** The comparison operators of the condition language, with the kind of right side each one takes. */
public enum Operator {
    EQ("=", Kind.STRING), EQEQ("==", Kind.STRING), NE("!=", Kind.STRING),
    LT("<", Kind.NUMBER), LE("<=", Kind.NUMBER), GT(">", Kind.NUMBER), GE(">=", Kind.NUMBER),
    CONTAINS("contains", Kind.STRING), ICONTAINS("icontains", Kind.STRING), BCONTAINS("bcontains", Kind.STRING),
    STARTSWITH("startswith", Kind.STRING), BSTARTSWITH("bstartswith", Kind.STRING), ENDSWITH("endswith", Kind.STRING),
    GLOB("glob", Kind.STRING), IGLOB("iglob", Kind.STRING), REGEX("regex", Kind.STRING),
    IN("in", Kind.LIST), INTERSECTS("intersects", Kind.LIST), PMATCH("pmatch", Kind.LIST),
    EXISTS("exists", Kind.UNARY);

    /** What follows the operator. */
    public enum Kind { UNARY, NUMBER, STRING, LIST }

    private final String symbol;
    private final Kind kind;

    Operator(String symbol, Kind kind) {
        this.symbol = symbol;
        this.kind = kind;
    }

    public String symbol() {
        return symbol;
    }

    public Kind kind() {
        return kind;
    }

    /** The operator written {@code symbol}, or {@code null}. */
    public static Operator bySymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }
}
