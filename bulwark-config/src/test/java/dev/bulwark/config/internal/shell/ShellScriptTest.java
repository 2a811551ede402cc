package dev.bulwark.config.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellScriptTest {

    private static List<String> names(String script) {
        return ShellScript.parse(script).commands().stream().map(ShellCommand::name).toList();
    }

    @Test
    void splitsOnOperatorsNewlinesAndSubshells() {
        assertThat(names("a && b || c; d | e & f\ng (h; i)")).containsExactly("a", "b", "c", "d", "e", "f", "g", "h",
                "i");
    }

    @Test
    void marksPipelinesButNotOrLists() {
        ShellScript pipe = ShellScript.parse("curl -sSL https://x | sh");
        assertThat(pipe.hasPipe()).isTrue();
        assertThat(pipe.commands().get(1).pipedIn()).isTrue();
        assertThat(ShellScript.parse("test -f x || exit 1").hasPipe()).isFalse();
    }

    @Test
    void removesQuotesButKeepsSubstitutionsInTheirWord() {
        ShellCommand command = ShellScript.parse("echo \"a b\" 'c d' $(uname -m) ${HOME}/x `date`").commands()
                .getFirst();
        assertThat(command.args()).containsExactly("a b", "c d", "$(uname -m)", "${HOME}/x", "`date`");
    }

    @Test
    void dropsRedirectionsAndTheirTargets() {
        ShellCommand command = ShellScript.parse("apt-get install -y curl > /dev/null 2>&1 </tmp/in").commands()
                .getFirst();
        assertThat(command.args()).containsExactly("install", "-y", "curl");
    }

    @Test
    void separatesLeadingAssignmentsAndReservedWords() {
        ShellScript script = ShellScript.parse("if [ -f x ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y x; fi");
        ShellCommand install = script.named("apt-get").getFirst();
        assertThat(install.assignment("DEBIAN_FRONTEND")).isEqualTo("noninteractive");
        assertThat(names("if [ -f x ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y x; fi"))
                .containsExactly("[", "apt-get");
    }

    @Test
    void commentsRunToTheEndOfTheLine() {
        assertThat(names("make # && rm -rf /\nls")).containsExactly("make", "ls");
        assertThat(names("echo a#b")).containsExactly("echo");
    }

    @Test
    void findsShortFlagsInsideGroupsAndLongFlagsWithValues() {
        ShellCommand command = ShellScript.parse("apt-get -qy --option=a install x").commands().getFirst();
        assertThat(command.hasFlag("-y")).isTrue();
        assertThat(command.hasFlag("--option")).isTrue();
        assertThat(command.hasFlag("-x")).isFalse();
    }

    @Test
    void basenameOfAbsoluteCommands() {
        assertThat(names("/usr/bin/apt-get update")).containsExactly("apt-get");
    }
}
