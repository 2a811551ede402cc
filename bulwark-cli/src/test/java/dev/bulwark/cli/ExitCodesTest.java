package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.DatabaseException;
import dev.bulwark.core.InputException;
import dev.bulwark.core.UsageException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {

    @Test
    void mapsEachErrorKindToItsDocumentedCode() {
        assertThat(BulwarkCli.exitCode(new UsageException("--x", "bad"))).isEqualTo(2);
        assertThat(BulwarkCli.exitCode(new InputException("a.tar", "truncated gzip"))).isEqualTo(3);
        assertThat(BulwarkCli.exitCode(new DatabaseException("db", "missing"))).isEqualTo(4);
        assertThat(BulwarkCli.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
    }
}
