package dev.bulwark.config.internal.dockerfile.rules;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.dockerfile.DockerfileContext;
import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import dev.bulwark.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** A Dockerfile rule built from its description and a function; the rule classes are lists of these. */
record Rule(CheckDescriptor descriptor, boolean appliesToHistory,
            Function<DockerfileContext, List<Violation>> logic) implements DockerfileRule {

    @Override
    public List<Violation> check(DockerfileContext dockerfile) {
        return logic.apply(dockerfile);
    }

    /** Starts a rule; {@code aliases} are the hadolint, Trivy and checkov ids of the same check. */
    static Builder rule(String id, Severity severity, String title, String... aliases) {
        return new Builder(id, severity, title, List.of(aliases));
    }

    static final class Builder {
        private final String id;
        private final Severity severity;
        private final String title;
        private final List<String> aliases;
        private String rationale = "";
        private String resolution = "";
        private final List<String> references = new ArrayList<>();
        private boolean history;

        private Builder(String id, Severity severity, String title, List<String> aliases) {
            this.id = id;
            this.severity = severity;
            this.title = title;
            this.aliases = aliases;
            for (String alias : aliases) {
                if (alias.startsWith("DL")) {
                    references.add("https://github.com/hadolint/hadolint/wiki/" + alias);
                } else if (alias.startsWith("DS-")) {
                    references.add("https://avd.aquasec.com/misconfig/ds" + alias.substring(4));
                }
            }
        }

        Builder why(String text) {
            this.rationale = text;
            return this;
        }

        Builder fix(String text) {
            this.resolution = text;
            return this;
        }

        Builder see(String url) {
            references.add(url);
            return this;
        }

        /**
         * Also runs the rule on an image's history rebuilt as instructions. Only rules about what ends up in the
         * built image opt in; rules about build reproducibility, style or FROM lines would only flag base images.
         */
        Builder alsoOnHistory() {
            this.history = true;
            return this;
        }

        DockerfileRule check(Function<DockerfileContext, List<Violation>> logic) {
            CheckDescriptor descriptor = new CheckDescriptor(id, aliases, title, severity, FileType.DOCKERFILE,
                    rationale, resolution, references, Set.of("dockerfile"));
            return new Rule(descriptor, history, logic);
        }
    }
}
