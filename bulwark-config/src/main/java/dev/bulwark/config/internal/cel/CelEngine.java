package dev.bulwark.config.internal.cel;

import dev.bulwark.config.CheckDescriptor;
import dev.bulwark.config.FileType;
import dev.bulwark.config.internal.check.Violation;
import dev.bulwark.config.internal.kubernetes.KubernetesResource;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.expr.CheckedExpr;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles and evaluates CEL policies. Expressions see the variables Kubernetes' ValidatingAdmissionPolicy gives
 * ({@code object}, {@code variables}) plus three Bulwark conveniences so one policy covers every workload kind:
 * {@code podSpec} (the pod spec of a Pod or a workload's template, else an empty map), {@code podMeta} (its metadata)
 * and {@code containers} (init, regular and ephemeral containers together). Optional field access
 * ({@code object.spec.?hostNetwork.orValue(false)}), the strings, lists and sets extensions are enabled; comprehensions
 * are bounded so a policy cannot run away.
 */
public final class CelEngine {

    private static final int MAX_ITERATIONS = 100_000;

    private final Cel cel;
    private final Map<String, byte[]> precompiled;

    /** An engine that reuses the built-in policies' syntax trees checked at build time. */
    public CelEngine() {
        this(PrecompiledExpressions.load());
    }

    /** An engine with these checked syntax trees (expression text to serialized CheckedExpr). */
    CelEngine(Map<String, byte[]> precompiled) {
        this.precompiled = precompiled;
        CelOptions options = CelOptions.current().enableOptionalSyntax(true)
                .enableHeterogeneousNumericComparisons(true).enableRegexPartialMatch(true)
                .comprehensionMaxIterations(MAX_ITERATIONS).build();
        CelType dynMap = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.lists(),
                        CelExtensions.sets(options))
                .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.lists(),
                        CelExtensions.sets(options))
                .addVar("object", SimpleType.DYN)
                .addVar("podSpec", dynMap)
                .addVar("podMeta", dynMap)
                .addVar("containers", ListType.create(SimpleType.DYN))
                .addVar("variables", dynMap)
                .build();
    }

    /** Compiles every expression of {@code policy}; errors name the policy, its file and the expression. */
    public CompiledPolicy compile(PolicyDefinition policy) throws PolicyException {
        List<CelRuntime.Program> variables = new ArrayList<>();
        for (PolicyDefinition.Variable variable : policy.variables()) {
            variables.add(program(policy, variable.expression(), null));
        }
        List<CelRuntime.Program> checks = new ArrayList<>();
        List<CelRuntime.Program> messages = new ArrayList<>();
        for (PolicyDefinition.Validation validation : policy.validations()) {
            checks.add(program(policy, validation.expression(), SimpleType.BOOL));
            messages.add(validation.messageExpression() == null ? null
                    : program(policy, validation.messageExpression(), SimpleType.STRING));
        }
        return new CompiledPolicy(policy, variables, checks, messages);
    }

    /** The checked syntax tree of each of {@code policy}'s expressions, serialized (for the build step). */
    Map<String, byte[]> checkedExpressions(PolicyDefinition policy) throws PolicyException {
        Map<String, byte[]> result = new LinkedHashMap<>();
        List<String> expressions = new ArrayList<>();
        policy.variables().forEach(v -> expressions.add(v.expression()));
        for (PolicyDefinition.Validation validation : policy.validations()) {
            expressions.add(validation.expression());
            if (validation.messageExpression() != null) {
                expressions.add(validation.messageExpression());
            }
        }
        for (String expression : expressions) {
            try {
                CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
                result.put(expression, CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray());
            } catch (CelValidationException e) {
                throw new PolicyException(policy.source() + ": policy " + policy.descriptor().id()
                        + ": invalid CEL: " + e.getMessage());
            }
        }
        return result;
    }

    private CelAbstractSyntaxTree checkedAst(String expression) throws CelValidationException {
        byte[] stored = precompiled.get(expression);
        if (stored != null) {
            try {
                return CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(stored)).getAst();
            } catch (InvalidProtocolBufferException e) {
                // fall through: compile it
            }
        }
        return cel.compile(expression).getAst();
    }

    private CelRuntime.Program program(PolicyDefinition policy, String expression, CelType resultType)
            throws PolicyException {
        try {
            CelAbstractSyntaxTree ast = checkedAst(expression);
            if (resultType != null && !ast.getResultType().equals(resultType)
                    && !ast.getResultType().equals(SimpleType.DYN)) {
                throw new PolicyException(policy.source() + ": policy " + policy.descriptor().id() + ": '"
                        + expression + "' evaluates to " + ast.getResultType().name() + ", expected "
                        + resultType.name());
            }
            return cel.createProgram(ast);
        } catch (CelValidationException e) {
            throw new PolicyException(policy.source() + ": policy " + policy.descriptor().id()
                    + ": invalid CEL: " + e.getMessage().lines().findFirst().orElse("") + " in '" + expression + "'");
        } catch (dev.cel.common.CelException e) {
            throw new PolicyException(policy.source() + ": policy " + policy.descriptor().id() + ": " + e.getMessage());
        }
    }

    /** A compiled policy, ready to evaluate on inputs. */
    public static final class CompiledPolicy {
        private final PolicyDefinition definition;
        private final List<CelRuntime.Program> variables;
        private final List<CelRuntime.Program> checks;
        private final List<CelRuntime.Program> messages;

        CompiledPolicy(PolicyDefinition definition, List<CelRuntime.Program> variables,
                       List<CelRuntime.Program> checks, List<CelRuntime.Program> messages) {
            this.definition = definition;
            this.variables = variables;
            this.checks = checks;
            this.messages = messages;
        }

        public CheckDescriptor descriptor() {
            return definition.descriptor();
        }

        public PolicyDefinition definition() {
            return definition;
        }

        /** True when the policy applies to a Kubernetes object of {@code kind}. */
        public boolean appliesTo(KubernetesResource resource) {
            if (!definition.fileTypes().contains(FileType.KUBERNETES)) {
                return false;
            }
            return definition.kinds().isEmpty() || definition.kinds().contains("*")
                    || definition.kinds().contains(resource.kind())
                    || definition.kinds().contains("workloads") && resource.isWorkload();
        }

        public boolean appliesTo(FileType type) {
            return definition.fileTypes().contains(type);
        }

        /** Evaluates the policy on a Kubernetes object prepared with {@link #activation(KubernetesResource)}. */
        public Outcome evaluate(KubernetesResource resource, Map<String, Object> activation) {
            return evaluate(new HashMap<>(activation), resource.startLine(), resource.endLine(), resource.id());
        }

        /** Evaluates the policy on another input, given as {@code object}. */
        public Outcome evaluate(Object object, int startLine, int endLine, String resource) {
            Map<String, Object> activation = new HashMap<>();
            activation.put("object", plain(object));
            activation.put("podSpec", Map.of());
            activation.put("podMeta", Map.of());
            activation.put("containers", List.of());
            return evaluate(activation, startLine, endLine, resource);
        }

        private Outcome evaluate(Map<String, Object> activation, int startLine, int endLine, String resource) {
            Map<String, Object> values = new LinkedHashMap<>();
            activation.put("variables", values);
            try {
                for (int i = 0; i < variables.size(); i++) {
                    Object value = variables.get(i).eval(activation);
                    values.put(definition.variables().get(i).name(), value == null ? NullValue.NULL_VALUE : value);
                }
                List<Violation> violations = new ArrayList<>();
                for (int i = 0; i < checks.size(); i++) {
                    if (Boolean.TRUE.equals(checks.get(i).eval(activation))) {
                        continue;
                    }
                    PolicyDefinition.Validation validation = definition.validations().get(i);
                    String message = validation.message().isEmpty() ? definition.descriptor().title()
                            : validation.message();
                    if (messages.get(i) != null) {
                        Object rendered = messages.get(i).eval(activation);
                        if (rendered instanceof String text && !text.isBlank()) {
                            message = text;
                        }
                    }
                    violations.add(new Violation(startLine, endLine, resource, message));
                }
                return new Outcome(violations, null);
            } catch (CelEvaluationException e) {
                return new Outcome(List.of(), "policy " + definition.descriptor().id() + " could not be evaluated on "
                        + (resource.isEmpty() ? "the input" : resource) + ": " + e.getMessage());
            }
        }
    }

    /** The CEL variables for a Kubernetes object, computed once and shared by every policy evaluated on it. */
    public static Map<String, Object> activation(KubernetesResource resource) {
        Map<String, Object> activation = new HashMap<>();
        activation.put("object", plain(resource.object()));
        activation.put("podSpec", plain(resource.podSpec()));
        activation.put("podMeta", plain(resource.podMetadata()));
        activation.put("containers", plain(resource.containers()));
        return Map.copyOf(activation);
    }

    /**
     * The result of one evaluation.
     *
     * @param violations failed validations (empty when the policy passes)
     * @param error why the policy could not be evaluated, or {@code null}
     */
    public record Outcome(List<Violation> violations, String error) {
    }

    /**
     * Java values CEL accepts: ints become longs, nulls in lists become CEL {@code null}, and map entries whose value
     * is null are dropped (Kubernetes treats {@code field: null} as an unset field, and so do the policies).
     */
    static Object plain(Object value) {
        return switch (value) {
            case null -> NullValue.NULL_VALUE;
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    if (v != null) {
                        copy.put(String.valueOf(k), plain(v));
                    }
                });
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(v -> copy.add(plain(v)));
                yield copy;
            }
            case Integer i -> i.longValue();
            case Float f -> f.doubleValue();
            default -> value;
        };
    }
}
