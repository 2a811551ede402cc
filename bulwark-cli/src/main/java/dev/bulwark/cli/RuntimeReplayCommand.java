package dev.bulwark.cli;

import dev.bulwark.runtime.CaptureReplay;
import dev.bulwark.runtime.EngineOptions;
import dev.bulwark.runtime.RuleSet;
import dev.bulwark.runtime.RuntimeStats;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bulwark runtime replay}: Falco's {@code -e FILE}, replaying scap captures through syscall rules. */
@Command(name = "replay", sortOptions = false,
        header = "Replay Falco/sysdig captures (.scap, plain or gzip) through Falco rules and print the alerts.",
        description = "Events stream through a process and file-descriptor table (as libsinsp keeps it) and the "
                + "rules whose event types they can match. Alerts go to standard output (text or --json) and the "
                + "configured outputs; a summary of the counters goes to standard error.")
final class RuntimeReplayCommand implements Callable<Integer> {

    @ParentCommand
    private RuntimeCommand runtime;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture files, replayed one after the other.")
    private List<Path> captures;

    @Mixin
    private RuntimeRuleOptions ruleOptions;

    @Mixin
    private RuntimeAlertOptions alertOptions;

    @Override
    public Integer call() {
        BulwarkCommand root = runtime.root;
        EngineOptions options = ruleOptions.engineOptions();
        alertOptions.validate();
        RuleSet rules = ruleOptions.load(root);
        long alerts = 0;
        try (RuntimeAlertOptions.Outputs outputs = alertOptions.open(root)) {
            for (Path capture : captures) {
                RuntimeStats stats = CaptureReplay.run(root.resolve(capture), rules, options, outputs.sink());
                outputs.report(capture.toString(), stats);
                alerts += stats.alerts();
            }
        }
        return alerts > 0 ? alertOptions.exitCode : ExitCodes.OK;
    }
}
