package dev.bulwark.cli;

import dev.bulwark.runtime.Diagnostic;
import dev.bulwark.runtime.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulwark runtime}: Falco-compatible runtime detection (rule validation, capture and audit-log replay). */
@Command(name = "runtime", sortOptions = false,
        header = "Runtime threat detection with Falco rules: validate rules, replay captures and audit logs.",
        subcommands = {RuntimeCommand.Validate.class, RuntimeReplayCommand.class, RuntimeAuditCommand.class,
                RuntimeWatchCommand.class})
final class RuntimeCommand implements Callable<Integer> {

    @ParentCommand
    BulwarkCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(root.environment().err());
        root.environment().err().println();
        root.environment().err().println("bulwark: missing runtime command (validate, replay, audit, watch)");
        return ExitCodes.USAGE;
    }

    @Command(name = "validate", header = "Check Falco rule files: syntax, macros, lists, fields, outputs.",
            description = "Loads the files in order, as Falco does with several -r options, and prints each file's "
                    + "errors and warnings with file, line and item. Exit code 3 when a file is invalid.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        private RuntimeCommand runtime;

        @Option(names = {"-r", "--rules"}, required = true, paramLabel = "FILE",
                description = "Rule file or directory of *.yaml files; repeat for several, loaded in order.")
        private List<Path> rules;

        @Option(names = {"-w", "--warnings"}, description = "Also print warnings (unused macros, no evt.type...).")
        private boolean warnings;

        @Override
        public Integer call() {
            BulwarkCommand root = runtime.root;
            List<Path> files = rules.stream().map(root::resolve).toList();
            RuleSet.Validation validation = RuleSet.validate(files);
            PrintWriter out = root.environment().out();
            int errorCount = 0;
            for (RuleSet.FileResult file : validation.files()) {
                long errors = file.diagnostics().stream()
                        .filter(d -> d.severity() == Diagnostic.Severity.ERROR).count();
                long warns = file.diagnostics().size() - errors;
                errorCount += (int) errors;
                out.println(file.file() + ": " + (file.ok() ? "Ok" : "Invalid") + " (" + errors + " errors, " + warns
                        + " warnings)");
                for (Diagnostic d : file.diagnostics()) {
                    if (d.severity() == Diagnostic.Severity.ERROR || warnings) {
                        out.println("  " + d.describe());
                        if (d.severity() == Diagnostic.Severity.ERROR && !d.snippet().isEmpty()) {
                            d.snippet().lines().forEach(line -> out.println("    | " + line));
                        }
                    }
                }
            }
            if (validation.ok()) {
                out.println(validation.ruleSet().rules().size() + " rules loaded");
                return ExitCodes.OK;
            }
            root.environment().err().println("bulwark: " + errorCount + " errors in rule files");
            return ExitCodes.INPUT;
        }
    }
}
