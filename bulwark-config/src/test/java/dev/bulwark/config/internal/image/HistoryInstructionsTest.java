package dev.bulwark.config.internal.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.config.internal.dockerfile.Instruction;
import dev.bulwark.core.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryInstructionsTest {

    private static List<HistoryEntry> history(String... createdBy) {
        return java.util.Arrays.stream(createdBy).map(c -> new HistoryEntry(null, c, null, false)).toList();
    }

    @Test
    void aRunStepLosesItsBuildArgumentsAndShellPrefix() {
        List<Instruction> steps = HistoryInstructions.rebuild(
                history("|2 VERSION=1.2 TOKEN=abc /bin/sh -c make install")).instructions();
        assertThat(steps).singleElement().satisfies(run -> {
            assertThat(run.keyword()).isEqualTo("RUN");
            assertThat(run.arguments()).isEqualTo("make install");
        });
        assertThat(HistoryInstructions.buildArgs(history("|2 VERSION=1.2 TOKEN=abc /bin/sh -c make install")))
                .extracting(HistoryInstructions.BuildArg::name).containsExactly("VERSION", "TOKEN");
    }

    @Test
    void aBuildArgumentCountLargerThanTheWordsStopsAtTheWords() {
        // Found by fuzzing: the count drove a loop of its own size (999,999,999 regex replacements).
        List<Instruction> steps = HistoryInstructions.rebuild(history("|999999999 A=1 /bin/sh -c echo hi")).instructions();
        assertThat(steps).singleElement().satisfies(run -> assertThat(run.arguments()).isEmpty());
        assertThat(HistoryInstructions.buildArgs(history("|999999999 A=1 /bin/sh -c echo hi")))
                .extracting(HistoryInstructions.BuildArg::name).containsExactly("A");
    }

    @Test
    void aCountBeyondNineDigitsIsNoBuildArgumentRecord() {
        assertThat(HistoryInstructions.buildArgs(history("|55555555555555555 VERSION=1 /bin/sh -c echo"))).isEmpty();
    }
}
