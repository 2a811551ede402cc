package dev.bulwark.config;

import dev.bulwark.core.Misconfiguration;
import java.util.List;

/**
 * The outcome of a configuration scan.
 *
 * @param findings every failed check instance, sorted by file, line and check id
 * @param files every input that was read, with its pass/fail counts, in scan order
 * @param errors inputs that could not be read or parsed (fully), with reasons
 * @param outcomes every check verdict, per file or Kubernetes resource
 */
public record ConfigReport(List<Misconfiguration> findings, List<FileSummary> files, List<FileError> errors,
                           List<CheckOutcome> outcomes) {

    public ConfigReport {
        findings = List.copyOf(findings);
        files = List.copyOf(files);
        errors = List.copyOf(errors);
        outcomes = List.copyOf(outcomes);
    }

    /** Checks that passed, over all inputs. */
    public int passed() {
        return files.stream().mapToInt(FileSummary::passed).sum();
    }

    /** Checks that failed, over all inputs. */
    public int failed() {
        return files.stream().mapToInt(FileSummary::failed).sum();
    }
}
