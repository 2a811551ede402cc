package dev.bulwark.config.internal.cel;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import java.util.List;
import java.util.Set;

/**
 * A check written in CEL, as read from a policy file (the built-in Kubernetes checks use the same format).
 *
 * @param descriptor what the check is
 * @param kinds the Kubernetes kinds it applies to ({@code workloads} = every kind with a pod spec; empty = all)
 * @param fileTypes the inputs it applies to
 * @param variables named intermediate values, evaluated in order, visible as {@code variables.<name>}
 * @param validations expressions that must all be true for the check to pass
 * @param source where the policy was read from, for error messages
 */
public record PolicyDefinition(CheckDescriptor descriptor, Set<String> kinds, Set<FileType> fileTypes,
                               List<Variable> variables, List<Validation> validations, String source) {

    public PolicyDefinition {
        kinds = Set.copyOf(kinds);
        fileTypes = Set.copyOf(fileTypes);
        variables = List.copyOf(variables);
        validations = List.copyOf(validations);
    }

    /**
     * A named CEL expression.
     *
     * @param name the name under {@code variables}
     * @param expression the CEL expression
     */
    public record Variable(String name, String expression) {
    }

    /**
     * A condition that must hold (as in a ValidatingAdmissionPolicy).
     *
     * @param expression CEL evaluating to {@code true} when the input is fine
     * @param message the message when it is not
     * @param messageExpression CEL evaluating to the message (takes precedence), or {@code null}
     */
    public record Validation(String expression, String message, String messageExpression) {
    }
}
