package dev.bulwark.runtime.condition;

/** The left side of a check (or the argument of {@code val()}): a field, possibly wrapped in transformers. */
public sealed interface FieldRef {

    SourcePos pos();

    /** A field such as {@code proc.aname[2]}; {@code arg} is {@code null} when the field has no argument. */
    record Plain(String name, String arg, SourcePos pos) implements FieldRef {
        @Override
        public String toString() {
            return arg == null ? name : name + "[" + arg + "]";
        }
    }

    /** {@code tolower(field)}, {@code toupper}, {@code b64}, {@code basename}, {@code len}. */
    record Transformed(Transformer transformer, FieldRef inner, SourcePos pos) implements FieldRef {
        @Override
        public String toString() {
            return transformer.keyword() + "(" + inner + ")";
        }
    }

    /** The field underneath all transformers. */
    default Plain base() {
        return switch (this) {
            case Plain plain -> plain;
            case Transformed transformed -> transformed.inner().base();
        };
    }

    /** The functions that may wrap a field. */
    enum Transformer {
        TOLOWER("tolower"), TOUPPER("toupper"), B64("b64"), BASENAME("basename"), LEN("len");

        private final String keyword;

        Transformer(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }

        static Transformer byKeyword(String word) {
            for (Transformer t : values()) {
                if (t.keyword.equals(word)) {
                    return t;
                }
            }
            return null;
        }
    }
}
