package dev.bulwark.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void parsesDockerHubsBearerChallenge() {
        Challenge c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/alpine:pull\"").getFirst();
        assertThat(c.scheme()).isEqualTo("bearer");
        assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(c.param("service")).isEqualTo("registry.docker.io");
        assertThat(c.param("scope")).isEqualTo("repository:library/alpine:pull");
    }

    @Test
    void keepsCommasInsideQuotedScopesAndUnescapesQuotes() {
        Challenge c = Challenge.parse("Bearer realm=\"https://r/t\", scope=\"repository:a/b:pull,push\", "
                + "error=\"insufficient_scope\", x=\"say \\\"hi\\\"\"").getFirst();
        assertThat(c.param("scope")).isEqualTo("repository:a/b:pull,push");
        assertThat(c.param("error")).isEqualTo("insufficient_scope");
        assertThat(c.param("x")).isEqualTo("say \"hi\"");
    }

    @Test
    void splitsSeveralChallengesAndPrefersBearerOverBasic() {
        List<Challenge> all = Challenge.parse("Basic realm=\"registry\", Bearer realm=\"https://a/token\"");
        assertThat(all).extracting(Challenge::scheme).containsExactly("basic", "bearer");
        assertThat(Challenge.choose(List.of("Basic realm=\"r\"", "Bearer realm=\"https://a/t\"")))
                .hasValueSatisfying(c -> assertThat(c.scheme()).isEqualTo("bearer"));
        assertThat(Challenge.choose(List.of("BASIC realm=registry"))).hasValueSatisfying(c -> {
            assertThat(c.scheme()).isEqualTo("basic");
            assertThat(c.param("realm")).isEqualTo("registry");
        });
        assertThat(Challenge.choose(List.of("Negotiate", ""))).isEmpty();
    }
}
