package dev.bulwark.runtime.fields;

/**
 * Describes one filter field: its name, value type, whether it yields a list of values, and what argument it takes
 * in brackets ({@code proc.aname[2]}, {@code proc.env[HOME]}, {@code jevt.value[/user/username]}).
 */
public record FieldInfo(String name, FieldType type, boolean list, Arg arg, String description) {

    /** The bracket argument a field accepts. */
    public enum Arg {
        NONE, OPTIONAL_INDEX, REQUIRED_INDEX, OPTIONAL_KEY, REQUIRED_KEY
    }

    public static FieldInfo of(String name, FieldType type, String description) {
        return new FieldInfo(name, type, false, Arg.NONE, description);
    }
}
