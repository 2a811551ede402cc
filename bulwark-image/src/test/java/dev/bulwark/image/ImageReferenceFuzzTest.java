package dev.bulwark.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.UsageException;
import java.nio.charset.StandardCharsets;

/** Fuzzes image reference parsing: a reference or a {@link UsageException} naming it. */
class ImageReferenceFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parsesReference(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            ImageReference reference = ImageReference.parse(text);
            assertThat(reference.registry()).isNotBlank();
            assertThat(reference.repository()).isNotBlank();
        } catch (UsageException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
