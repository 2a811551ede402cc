package dev.bulwark.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the {@code WWW-Authenticate} parser, which reads what an untrusted registry sends: it never throws, and
 * every challenge has a lower-case scheme.
 */
class ChallengeFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parsesChallenges(byte[] data) {
        String header = new String(data, StandardCharsets.UTF_8);
        for (Challenge challenge : Challenge.parse(header)) {
            assertThat(challenge.scheme()).isNotEmpty().isLowerCase();
        }
        Challenge.choose(List.of(header, header));
    }
}
