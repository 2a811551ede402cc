package dev.bulwark.config.internal.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

    private static final Map<String, String> VARS = Map.of("TAG", "3.20", "EMPTY", "");

    @Test
    void expandsPlainAndBracedReferences() {
        assertThat(Substitution.expand("alpine:$TAG", VARS, '\\')).isEqualTo("alpine:3.20");
        assertThat(Substitution.expand("alpine:${TAG}-x", VARS, '\\')).isEqualTo("alpine:3.20-x");
        assertThat(Substitution.expand("$MISSING/x", VARS, '\\')).isEqualTo("/x");
    }

    @Test
    void appliesDefaultAndAlternativeModifiers() {
        assertThat(Substitution.expand("${MISSING:-1.0}", VARS, '\\')).isEqualTo("1.0");
        assertThat(Substitution.expand("${EMPTY:-1.0}", VARS, '\\')).isEqualTo("1.0");
        assertThat(Substitution.expand("${EMPTY-1.0}", VARS, '\\')).isEmpty();
        assertThat(Substitution.expand("${TAG:+set}", VARS, '\\')).isEqualTo("set");
        assertThat(Substitution.expand("${MISSING:+set}", VARS, '\\')).isEmpty();
    }

    @Test
    void escapedDollarAndSingleQuotesStayLiteral() {
        assertThat(Substitution.expand("\\$TAG", VARS, '\\')).isEqualTo("$TAG");
        assertThat(Substitution.expand("'$TAG'", VARS, '\\')).isEqualTo("'$TAG'");
        assertThat(Substitution.expand("`$TAG", VARS, '`')).isEqualTo("$TAG");
    }
}
