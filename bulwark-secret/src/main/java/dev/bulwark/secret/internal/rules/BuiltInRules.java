package dev.bulwark.secret.internal.rules;

import dev.bulwark.secret.SecretRule;
import dev.bulwark.secret.SecretRuleSet;
import java.util.ArrayList;
import java.util.List;

/** Bulwark's built-in rule set, compiled once per JVM (rules are immutable). */
public final class BuiltInRules {

    private static final class Holder {
        private static final SecretRuleSet RULES = build();
    }

    private BuiltInRules() {
    }

    public static SecretRuleSet ruleSet() {
        return Holder.RULES;
    }

    private static SecretRuleSet build() {
        List<SecretRule> rules = new ArrayList<>();
        rules.addAll(CredentialRules.keys());
        rules.addAll(CloudRules.rules());
        rules.addAll(DevToolRules.rules());
        rules.addAll(ServiceRules.payment());
        rules.addAll(ServiceRules.messaging());
        rules.addAll(ServiceRules.saas());
        rules.addAll(CredentialRules.credentials());
        rules.addAll(CredentialRules.generic());
        return new SecretRuleSet(rules, List.of(), List.of());
    }
}
