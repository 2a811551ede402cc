package dev.bulwark.config.internal.cel;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads the checked syntax trees {@link PolicyPrecompiler} stored at build time; empty when there are none. */
final class PrecompiledExpressions {

    static final String RESOURCE = "/dev/bulwark/config/policies/kubernetes/compiled-expressions.bin";

    private PrecompiledExpressions() {
    }

    static Map<String, byte[]> load() {
        Map<String, byte[]> expressions = new HashMap<>();
        try (InputStream in = PrecompiledExpressions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return expressions;
            }
            DataInputStream data = new DataInputStream(in);
            int count = data.readInt();
            for (int i = 0; i < count; i++) {
                String expression = new String(data.readNBytes(data.readInt()), StandardCharsets.UTF_8);
                expressions.put(expression, data.readNBytes(data.readInt()));
            }
        } catch (IOException e) {
            expressions.clear();
        }
        return expressions;
    }
}
