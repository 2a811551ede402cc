package dev.bulwark.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.InputException;

/**
 * Fuzzes the image config JSON reader: any byte string either yields a parsed config whose layer list lines up with
 * its diff_ids, or an {@link InputException}. Seeds: {@code ImageConfigFuzzTestInputs/parsesConfig/}.
 */
class ImageConfigFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parsesConfig(byte[] data) {
        try {
            ImageConfigParser.ParsedConfig parsed = ImageConfigParser.parse(
                    JsonFiles.parse(data, "config.json", "fuzz"), "config.json", "fuzz");
            assertThat(parsed.layers(null)).hasSameSizeAs(parsed.diffIds());
            assertThat(parsed.config()).isNotNull();
        } catch (InputException expected) {
            assertThat(expected.getMessage()).contains("config.json");
        }
    }
}
