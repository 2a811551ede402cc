package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parsesAndPrintsSha256() {
        Digest d = Digest.parse("sha256:" + EMPTY_SHA256);
        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.hex()).isEqualTo(EMPTY_SHA256);
        assertThat(d).hasToString("sha256:" + EMPTY_SHA256);
        assertThat(d.shortHex()).isEqualTo("e3b0c44298fc");
        assertThat(d.jdkAlgorithm()).isEqualTo("SHA-256");
    }

    @Test
    void rejectsTruncatedSha256NamingTheValue() {
        assertThatThrownBy(() -> Digest.parse("sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64")
                .hasMessageContaining("abc");
    }

    @Test
    void rejectsUppercaseHexAndMissingAlgorithm() {
        assertThatThrownBy(() -> Digest.parse("sha256:" + EMPTY_SHA256.toUpperCase()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.parse(EMPTY_SHA256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.parse("sha256:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buildsFromHashBytes() {
        byte[] hash = java.util.HexFormat.of().parseHex(EMPTY_SHA256);
        assertThat(Digest.sha256(hash)).isEqualTo(Digest.parse("sha256:" + EMPTY_SHA256));
    }
}
