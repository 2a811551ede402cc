package dev.bulwark.runtime.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Falco conditions, following the grammar of libsinsp's filter parser:
 *
 * <pre>
 * Expr        ::= OrExpr
 * OrExpr      ::= AndExpr ('or' (' ' AndExpr | '(' Expr ')'))*
 * AndExpr     ::= NotExpr ('and' (' ' NotExpr | '(' Expr ')'))*
 * NotExpr     ::= ('not ')* (Check | 'not(' Expr ')')
 * Check       ::= Field Condition | Transformer Condition | Identifier | '(' Expr ')'
 * Condition   ::= 'exists' | NumOp (Number | FieldVal) | StrOp (Str | FieldVal) | ListOp (List | Identifier | FieldVal)
 * Field       ::= FieldName ('[' (QuotedStr | ArgBareStr) ']')?
 * </pre>
 *
 * Errors carry the one-based column of the offending token, like Falco's ({@code 17: unexpected token after
 * 'execve', expecting 'or', 'and'}).
 */
public final class ConditionParser {

    private static final int MAX_DEPTH = 100;
    private static final String[] NUM_OPS = {"<=", "<", ">=", ">"};
    private static final String[] STR_SYMBOL_OPS = {"==", "=", "!="};
    private static final String[] STR_WORD_OPS = {"glob", "iglob", "contains", "icontains", "bcontains",
        "startswith", "bstartswith", "endswith", "regex"};
    private static final String[] LIST_OPS = {"intersects", "in", "pmatch"};

    private final String input;
    private int pos;
    private int depth;
    private String lastToken = "";

    private ConditionParser(String input) {
        this.input = input;
    }

    /** Parses a whole condition. */
    public static Expr parse(String condition) {
        ConditionParser parser = new ConditionParser(condition);
        parser.skipBlank();
        if (parser.atEnd()) {
            throw parser.error("unexpected end of input, expecting a condition");
        }
        Expr expr = parser.parseOr();
        parser.skipBlank();
        if (!parser.atEnd()) {
            throw parser.error("unexpected token after '" + parser.lastToken + "', expecting 'or', 'and'");
        }
        return expr;
    }

    private Expr parseOr() {
        enter();
        SourcePos start = here();
        List<Expr> children = new ArrayList<>();
        children.add(parseAnd());
        while (true) {
            int save = pos;
            skipBlank();
            if (keyword("or")) {
                children.add(parseAnd());
                continue;
            }
            pos = save;
            break;
        }
        depth--;
        return children.size() == 1 ? children.getFirst() : new Expr.Or(children, start);
    }

    private Expr parseAnd() {
        enter();
        SourcePos start = here();
        List<Expr> children = new ArrayList<>();
        children.add(parseNot());
        while (true) {
            int save = pos;
            skipBlank();
            if (keyword("and")) {
                children.add(parseNot());
                continue;
            }
            pos = save;
            break;
        }
        depth--;
        return children.size() == 1 ? children.getFirst() : new Expr.And(children, start);
    }

    private Expr parseNot() {
        enter();
        skipBlank();
        SourcePos start = here();
        Expr result;
        if (keyword("not")) {
            result = new Expr.Not(parseNot(), start);
        } else {
            result = parseCheck();
        }
        depth--;
        return result;
    }

    /** Matches {@code word} when followed by a blank or '('; consumes the word (not the '('). */
    private boolean keyword(String word) {
        if (input.startsWith(word, pos)) {
            int end = pos + word.length();
            if (end < input.length() && (isBlank(input.charAt(end)) || input.charAt(end) == '(')) {
                pos = end;
                lastToken = word;
                return true;
            }
        }
        return false;
    }

    private Expr parseCheck() {
        skipBlank();
        SourcePos start = here();
        if (peek() == '(') {
            pos++;
            lastToken = "(";
            Expr inner = parseOr();
            skipBlank();
            if (peek() != ')') {
                throw error("expected a ')' token");
            }
            pos++;
            lastToken = ")";
            return inner;
        }
        Transform transformed = tryTransformer(false);
        if (transformed != null) {
            return parseCondition(transformed.ref(), start);
        }
        String fieldName = lexFieldName();
        if (fieldName != null) {
            FieldRef.Plain field = new FieldRef.Plain(fieldName, lexFieldArg(), start);
            return parseCondition(field, start);
        }
        String identifier = lexIdentifier();
        if (identifier != null) {
            return new Expr.MacroRef(identifier, start);
        }
        throw error("expected a '(' token, a field check, or an identifier");
    }

    /** A transformer or {@code val()} call that was parsed. */
    private record Transform(FieldRef ref, boolean isVal) {
    }

    /** {@code tolower(...)}, or with {@code allowVal} also {@code val(field)}; null when none starts here. */
    private Transform tryTransformer(boolean allowVal) {
        int save = pos;
        String word = lexIdentifier();
        if (word == null || peek() != '(') {
            pos = save;
            return null;
        }
        FieldRef.Transformer transformer = FieldRef.Transformer.byKeyword(word);
        boolean isVal = allowVal && word.equals("val");
        if (transformer == null && !isVal) {
            pos = save;
            return null;
        }
        SourcePos start = SourcePos.of(input, save);
        pos++;
        enter();
        skipBlank();
        Transform nested = isVal ? null : tryTransformer(false);
        FieldRef inner = nested == null ? null : nested.ref();
        if (inner == null) {
            SourcePos fieldStart = here();
            String name = lexFieldName();
            if (name == null) {
                throw error("expected a field name inside " + word + "()");
            }
            inner = new FieldRef.Plain(name, lexFieldArg(), fieldStart);
        }
        skipBlank();
        if (peek() != ')') {
            throw error("expected a ')' token");
        }
        pos++;
        lastToken = ")";
        depth--;
        return new Transform(isVal ? inner : new FieldRef.Transformed(transformer, inner, start), isVal);
    }

    private Expr parseCondition(FieldRef field, SourcePos start) {
        skipBlank();
        SourcePos opPos = here();
        if (input.startsWith("exists", pos) && !isIdentChar(charAt(pos + 6))) {
            pos += 6;
            lastToken = "exists";
            return new Expr.Compare(field, Operator.EXISTS, null, start);
        }
        for (String op : NUM_OPS) {
            if (input.startsWith(op, pos)) {
                pos += op.length();
                lastToken = op;
                skipBlank();
                return new Expr.Compare(field, Operator.bySymbol(op), numValueOrField(), start);
            }
        }
        for (String op : STR_SYMBOL_OPS) {
            if (input.startsWith(op, pos)) {
                pos += op.length();
                lastToken = op;
                skipBlank();
                return new Expr.Compare(field, Operator.bySymbol(op), strValueOrField(), start);
            }
        }
        for (String op : STR_WORD_OPS) {
            if (input.startsWith(op, pos) && isBlank(charAt(pos + op.length()))) {
                pos += op.length();
                lastToken = op;
                skipBlank();
                return new Expr.Compare(field, Operator.bySymbol(op), strValueOrField(), start);
            }
        }
        for (String op : LIST_OPS) {
            if (input.startsWith(op, pos) && !isIdentChar(charAt(pos + op.length()))) {
                pos += op.length();
                lastToken = op;
                skipBlank();
                return new Expr.Compare(field, Operator.bySymbol(op), listValueOrField(), start);
            }
        }
        pos = opPos.offset();
        throw error("expected a valid operator after '" + field + "'");
    }

    private Operand numValueOrField() {
        Operand field = valField();
        if (field != null) {
            return field;
        }
        SourcePos start = here();
        int begin = pos;
        if (pos + 1 < input.length() && input.charAt(pos) == '0' && (input.charAt(pos + 1) == 'x'
                || input.charAt(pos + 1) == 'X')) {
            pos += 2;
            while (pos < input.length() && Character.isLetterOrDigit(input.charAt(pos))) {
                pos++;
            }
        } else {
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int digits = pos;
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (pos == digits) {
                pos = begin;
                throw error("expected a number value");
            }
            if (peek() == '.') {
                pos++;
                while (Character.isDigit(peek())) {
                    pos++;
                }
            }
            if ((peek() == 'e' || peek() == 'E') && (charAt(pos + 1) == '+' || charAt(pos + 1) == '-')
                    && Character.isDigit(charAt(pos + 2))) {
                pos += 2;
                while (Character.isDigit(peek())) {
                    pos++;
                }
            }
        }
        lastToken = input.substring(begin, pos);
        return new Operand.Value(lastToken, false, start);
    }

    private Operand strValueOrField() {
        Operand field = valField();
        if (field != null) {
            return field;
        }
        Operand.Value value = strValue();
        if (value == null) {
            throw error("expected a string value");
        }
        return value;
    }

    private Operand listValueOrField() {
        Operand field = valField();
        if (field != null) {
            return field;
        }
        SourcePos start = here();
        if (peek() == '(') {
            pos++;
            lastToken = "(";
            List<Operand.Value> items = new ArrayList<>();
            skipBlank();
            if (peek() == ')') {
                pos++;
                lastToken = ")";
                return new Operand.ValueList(items, start);
            }
            while (true) {
                skipBlank();
                Operand.Value item = strValue();
                if (item == null) {
                    throw error("expected a list value");
                }
                items.add(item);
                skipBlank();
                if (peek() == ',') {
                    pos++;
                    lastToken = ",";
                    continue;
                }
                if (peek() == ')') {
                    pos++;
                    lastToken = ")";
                    return new Operand.ValueList(items, start);
                }
                throw error("expected a ',' or a ')' token");
            }
        }
        String name = lexIdentifier();
        if (name != null) {
            return new Operand.ListName(name, start);
        }
        throw error("expected a list or a list name");
    }

    private Operand valField() {
        SourcePos start = here();
        Transform parsed = tryTransformer(true);
        return parsed == null ? null : new Operand.FieldValue(parsed.ref(), start);
    }

    private Operand.Value strValue() {
        SourcePos start = here();
        char c = peek();
        if (c == '"' || c == '\'') {
            return new Operand.Value(lexQuoted(), true, start);
        }
        int begin = pos;
        while (pos < input.length() && isBareChar(input.charAt(pos))) {
            pos++;
        }
        if (pos == begin) {
            return null;
        }
        lastToken = input.substring(begin, pos);
        return new Operand.Value(lastToken, false, start);
    }

    private String lexQuoted() {
        char quote = input.charAt(pos);
        int begin = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == '\\' && pos + 1 < input.length()) {
                char next = input.charAt(pos + 1);
                switch (next) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case '\'' -> out.append('\'');
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    default -> out.append(c).append(next);
                }
                pos += 2;
                continue;
            }
            if (c == quote) {
                pos++;
                lastToken = input.substring(begin, pos);
                return out.toString();
            }
            out.append(c);
            pos++;
        }
        pos = begin;
        throw error("unterminated quoted string");
    }

    private String lexFieldName() {
        int begin = pos;
        if (!Character.isLetter(peek()) || !isAscii(peek())) {
            return null;
        }
        int segments = 0;
        while (true) {
            if (!isAsciiLetter(peek())) {
                break;
            }
            while (isIdentChar(peek())) {
                pos++;
            }
            segments++;
            if (peek() == '.' && isAsciiLetter(charAt(pos + 1))) {
                pos++;
                continue;
            }
            break;
        }
        if (segments < 2) {
            pos = begin;
            return null;
        }
        lastToken = input.substring(begin, pos);
        return lastToken;
    }

    private String lexFieldArg() {
        if (peek() != '[') {
            return null;
        }
        int begin = pos;
        pos++;
        String arg;
        if (peek() == '"' || peek() == '\'') {
            arg = lexQuoted();
        } else {
            int start = pos;
            while (pos < input.length() && !isBlank(input.charAt(pos)) && "[]\"'".indexOf(input.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                pos = begin;
                throw error("expected a field argument");
            }
            arg = input.substring(start, pos);
        }
        if (peek() != ']') {
            throw error("expected a ']' token");
        }
        pos++;
        lastToken = input.substring(begin, pos);
        return arg;
    }

    private String lexIdentifier() {
        int begin = pos;
        if (!isAsciiLetter(peek())) {
            return null;
        }
        while (isIdentChar(peek())) {
            pos++;
        }
        lastToken = input.substring(begin, pos);
        return lastToken;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("exceeded max depth limit of " + MAX_DEPTH);
        }
    }

    private void skipBlank() {
        while (pos < input.length() && isBlank(input.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    private char peek() {
        return charAt(pos);
    }

    private char charAt(int i) {
        return i < input.length() ? input.charAt(i) : '\0';
    }

    private SourcePos here() {
        return SourcePos.of(input, pos);
    }

    private ConditionException error(String message) {
        return new ConditionException(message, here());
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\b';
    }

    private static boolean isBareChar(char c) {
        return !isBlank(c) && c != '(' && c != ')' && c != ',' && c != '=' && c != '"' && c != '\'';
    }

    private static boolean isAscii(char c) {
        return c < 128;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
