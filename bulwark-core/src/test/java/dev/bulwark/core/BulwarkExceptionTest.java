package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulwarkExceptionTest {

    @Test
    void messageNamesTheSourceThenTheProblem() {
        var e = new InputException("/tmp/x.tar", "not a tar archive");
        assertThat(e).hasMessage("/tmp/x.tar: not a tar archive");
        assertThat(e.source()).isEqualTo("/tmp/x.tar");
    }

    @Test
    void messageIsTheProblemAloneWithoutSource() {
        assertThat(new DatabaseException(null, "no database")).hasMessage("no database");
    }
}
