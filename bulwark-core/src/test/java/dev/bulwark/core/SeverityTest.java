package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({"critical,CRITICAL", "HIGH,HIGH", "important,HIGH", "Moderate,MEDIUM", "negligible,LOW",
            "unimportant,UNKNOWN", " low ,LOW"})
    void parsesNamesAndFeedSynonyms(String text, Severity expected) {
        assertThat(Severity.parse(text)).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownNamesListingTheAcceptedOnes() {
        assertThatThrownBy(() -> Severity.parse("severe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("severe")
                .hasMessageContaining("CRITICAL");
    }

    @Test
    void ordersFromLeastToMostSevere() {
        assertThat(Severity.HIGH.atLeast(Severity.MEDIUM)).isTrue();
        assertThat(Severity.HIGH.atLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.LOW.atLeast(Severity.MEDIUM)).isFalse();
        assertThat(Severity.UNKNOWN.atLeast(Severity.LOW)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"9.8,CRITICAL", "9.0,CRITICAL", "8.9,HIGH", "7.0,HIGH", "6.9,MEDIUM", "4.0,MEDIUM", "3.9,LOW",
            "0.1,LOW", "0.0,UNKNOWN"})
    void mapsCvssScoresToTheQualitativeScale(double score, Severity expected) {
        assertThat(Severity.ofCvssScore(score)).isEqualTo(expected);
    }
}
