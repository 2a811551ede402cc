package dev.bulwark.runtime;

import java.util.Locale;

/** Falco's rule priorities, most severe first; the names are the ones Falco prints in alerts. */
public enum Priority {
    EMERGENCY("Emergency"), ALERT("Alert"), CRITICAL("Critical"), ERROR("Error"), WARNING("Warning"),
    NOTICE("Notice"), INFORMATIONAL("Informational"), DEBUG("Debug");

    private final String display;

    Priority(String display) {
        this.display = display;
    }

    /** The name Falco prints ({@code Warning}). */
    public String display() {
        return display;
    }

    /** Parses a priority as rule files write it (case-insensitive; {@code INFO} means informational). */
    public static Priority parse(String text) {
        if (text == null) {
            return null;
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("INFO")) {
            return INFORMATIONAL;
        }
        for (Priority p : values()) {
            if (p.name().equals(upper)) {
                return p;
            }
        }
        return null;
    }

    /** True when this priority is at least as severe as {@code minimum}. */
    public boolean atLeast(Priority minimum) {
        return ordinal() <= minimum.ordinal();
    }
}
