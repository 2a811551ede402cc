package dev.bulwark.cli;

import dev.bulwark.core.UsageException;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulwark completion bash|zsh}: prints a shell completion script. */
@Command(name = "completion", header = "Print a shell completion script.",
        description = {
            "bash: source <(bulwark completion bash)",
            "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(bulwark completion zsh)"
        })
final class CompletionCommand implements Callable<Integer> {

    @ParentCommand
    private BulwarkCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    private String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UsageException("bulwark completion", "unsupported shell '" + shell + "' (expected bash or zsh)");
        }
        // picocli's script serves both: zsh loads it through bashcompinit.
        root.environment().out().print(AutoComplete.bash("bulwark", spec.root().commandLine()));
        root.environment().out().flush();
        return ExitCodes.OK;
    }
}
