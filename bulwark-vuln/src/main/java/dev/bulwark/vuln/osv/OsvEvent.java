package dev.bulwark.vuln.osv;

import java.util.Objects;

/** One range event: where affected versions start, end (exclusive or inclusive) or are limited. */
public record OsvEvent(Kind kind, String version) {

    public enum Kind {
        INTRODUCED("introduced"),
        FIXED("fixed"),
        LAST_AFFECTED("last_affected"),
        LIMIT("limit");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        /** The JSON key, e.g. {@code last_affected}. */
        public String json() {
            return json;
        }

        /** The kind for a JSON key, or {@code null}. */
        public static Kind ofJson(String key) {
            for (Kind k : values()) {
                if (k.json.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    public OsvEvent {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(version, "version is null");
    }
}
