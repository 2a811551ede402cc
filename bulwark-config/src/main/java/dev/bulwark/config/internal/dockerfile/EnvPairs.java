package dev.bulwark.config.internal.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key/value pairs of an {@code ENV} or {@code LABEL}: {@code KEY=value KEY2="v 2"}, or the legacy
 * {@code ENV KEY value with spaces} form.
 */
public final class EnvPairs {

    private EnvPairs() {
    }

    /** The pairs in order; a key without {@code =} in the modern form maps to the empty string. */
    public static Map<String, String> of(Instruction instruction) {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> words = instruction.words();
        if (words.isEmpty()) {
            return pairs;
        }
        if (!words.getFirst().contains("=")) {
            String rest = instruction.rest().strip();
            int space = rest.indexOf(' ');
            String value = space < 0 ? "" : String.join(" ", words.subList(1, words.size()));
            pairs.put(words.getFirst(), value);
            return pairs;
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                pairs.put(word, "");
            } else {
                pairs.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        return pairs;
    }
}
