package dev.bulwark.secret.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the RE2-to-Java regular expression translation used for gitleaks rules: an expression either translates to
 * a Java pattern that compiles, or is refused with {@link Re2Syntax.UnsupportedSyntaxException}.
 */
class Re2SyntaxFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void translatesRe2(byte[] data) {
        String re2 = new String(data, StandardCharsets.UTF_8);
        try {
            assertThat(Re2Syntax.compile(re2)).isNotNull();
        } catch (Re2Syntax.UnsupportedSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
