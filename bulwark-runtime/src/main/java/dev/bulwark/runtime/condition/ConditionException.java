package dev.bulwark.runtime.condition;

/** A condition that cannot be parsed or compiled; the message is Falco's wording where Falco has one. */
public final class ConditionException extends RuntimeException {

    private final SourcePos pos;

    public ConditionException(String message, SourcePos pos) {
        super(message);
        this.pos = pos;
    }

    /** Where in the condition the problem is, or {@code null} when it concerns the whole condition. */
    public SourcePos pos() {
        return pos;
    }
}
