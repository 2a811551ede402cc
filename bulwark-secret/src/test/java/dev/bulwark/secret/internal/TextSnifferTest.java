package dev.bulwark.secret.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextSnifferTest {

    private static boolean binary(byte[] bytes) {
        return TextSniffer.isBinary(bytes, bytes.length);
    }

    @Test
    void textWithLineBreaksTabsFormFeedsEscapesAndUtf8IsText() {
        byte[] text = "key=value\r\n\tindented\f\u001b[0m ünïcödé\n".getBytes(StandardCharsets.UTF_8);
        assertThat(binary(text)).isFalse();
        assertThat(binary(new byte[0])).isFalse();
    }

    @Test
    void aNulByteMakesBinaryWherever() {
        byte[] bytes = "plain text".getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < bytes.length; at++) {
            byte[] copy = bytes.clone();
            copy[at] = 0;
            assertThat(binary(copy)).as("NUL at %d", at).isTrue();
        }
    }

    @Test
    void moreThanATenthOfControlBytesMakesBinary() {
        byte[] tenth = new byte[100];
        Arrays.fill(tenth, (byte) 'a');
        Arrays.fill(tenth, 0, 10, (byte) 0x01);
        assertThat(binary(tenth)).isFalse();
        tenth[10] = 0x02;
        assertThat(binary(tenth)).isTrue();
    }

    @Test
    void onlyTheFirstEightKibAreLookedAt() {
        byte[] bytes = new byte[TextSniffer.SNIFF_BYTES + 10];
        Arrays.fill(bytes, (byte) 'x');
        bytes[TextSniffer.SNIFF_BYTES + 5] = 0;
        assertThat(binary(bytes)).isFalse();
        assertThat(TextSniffer.isBinary(bytes, 100)).isFalse();
        bytes[99] = 0;
        assertThat(TextSniffer.isBinary(bytes, 100)).isTrue();
        assertThat(TextSniffer.isBinary(bytes, 99)).isFalse();
    }
}
