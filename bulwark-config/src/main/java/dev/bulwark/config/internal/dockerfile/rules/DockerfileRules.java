package dev.bulwark.config.internal.dockerfile.rules;

import dev.bulwark.config.internal.dockerfile.DockerfileRule;
import java.util.ArrayList;
import java.util.List;

/** Every built-in Dockerfile rule, in id order. */
public final class DockerfileRules {

    private DockerfileRules() {
    }

    public static List<DockerfileRule> all() {
        List<DockerfileRule> rules = new ArrayList<>();
        rules.addAll(BaseImageRules.all());
        rules.addAll(UserRules.all());
        rules.addAll(ShellRules.all());
        rules.addAll(AptRules.all());
        rules.addAll(OsPackageRules.all());
        rules.addAll(LanguagePackageRules.all());
        rules.addAll(CopyRules.all());
        rules.addAll(InstructionRules.all());
        rules.addAll(SecretRules.all());
        rules.sort(java.util.Comparator.comparing(r -> r.descriptor().id()));
        return List.copyOf(rules);
    }
}
