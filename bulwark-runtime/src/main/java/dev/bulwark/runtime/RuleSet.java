package dev.bulwark.runtime;

import dev.bulwark.core.InputException;
import dev.bulwark.runtime.fields.FieldCatalog;
import dev.bulwark.runtime.fields.SyscallFields;
import dev.bulwark.runtime.k8saudit.AuditFields;
import dev.bulwark.runtime.rules.CompiledRule;
import dev.bulwark.runtime.rules.RuleBook;
import dev.bulwark.runtime.rules.RuleCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Falco rule files loaded and compiled: the entry point of the runtime engine. {@link #load} fails with an
 * {@link InputException} listing every error (file, line, item, problem); {@link #validate} reports per file, like
 * {@code falco -V}.
 */
public final class RuleSet {

    /** Rule files larger than this are refused (Falco's own default rules are about 100 KiB). */
    static final long MAX_RULE_FILE_BYTES = 16L * 1024 * 1024;

    /** The diagnostics of one rule file; it is valid when none is an error. */
    public record FileResult(String file, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return diagnostics.stream().noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        }
    }

    /** The outcome of loading a set of rule files. */
    public record Validation(List<FileResult> files, RuleSet ruleSet) {
        public boolean ok() {
            return files.stream().allMatch(FileResult::ok);
        }

        public List<Diagnostic> diagnostics() {
            return files.stream().flatMap(f -> f.diagnostics().stream()).toList();
        }
    }

    private final List<Rule> rules;
    private final Map<String, List<CompiledRule<?>>> compiled;
    private final List<Diagnostic> warnings;
    private final String requiredEngineVersion;

    private RuleSet(List<Rule> rules, Map<String, List<CompiledRule<?>>> compiled, List<Diagnostic> warnings,
                    String requiredEngineVersion) {
        this.rules = List.copyOf(rules);
        this.compiled = compiled;
        this.warnings = List.copyOf(warnings);
        this.requiredEngineVersion = requiredEngineVersion;
    }

    /** The highest {@code required_engine_version} the files declare (major.minor.patch), or null. */
    public String requiredEngineVersion() {
        return requiredEngineVersion;
    }

    /** The field catalogs of the sources Bulwark reads. */
    public static Map<String, FieldCatalog<?>> catalogs() {
        Map<String, FieldCatalog<?>> catalogs = new LinkedHashMap<>();
        catalogs.put("syscall", new SyscallFields());
        catalogs.put("k8s_audit", new AuditFields());
        return catalogs;
    }

    /** Loads rule files (directories: their {@code *.yaml} files in name order) and reports per file. */
    public static Validation validate(List<Path> paths) {
        List<Path> files = expand(paths);
        RuleBook book = new RuleBook();
        Map<String, List<Diagnostic>> perFile = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.toString();
            perFile.put(name, new ArrayList<>(book.add(name, read(file))));
        }
        RuleCompiler.Result result = new RuleCompiler(catalogs()).compile(book);
        for (Diagnostic d : result.diagnostics()) {
            perFile.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
        }
        List<FileResult> results = new ArrayList<>();
        perFile.forEach((file, diags) -> results.add(new FileResult(file, List.copyOf(diags))));
        boolean ok = results.stream().allMatch(FileResult::ok);
        List<Diagnostic> warnings = results.stream().flatMap(r -> r.diagnostics().stream())
                .filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
        return new Validation(results, ok ? new RuleSet(result.definitions(), result.rules(), warnings,
                book.requiredEngineVersion()) : null);
    }

    /** Loads rule files; fails with every error when any file is invalid. */
    public static RuleSet load(List<Path> paths) {
        Validation validation = validate(paths);
        if (!validation.ok()) {
            List<String> errors = validation.diagnostics().stream()
                    .filter(d -> d.severity() == Diagnostic.Severity.ERROR).map(Diagnostic::describe).toList();
            String first = errors.getFirst();
            throw new InputException(null, errors.size() == 1 ? first
                    : first + " (and " + (errors.size() - 1) + " more errors)");
        }
        return validation.ruleSet();
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Diagnostic> warnings() {
        return warnings;
    }

    /** The compiled rules of {@code source} in load order (internal use by the engines). */
    @SuppressWarnings("unchecked")
    public <E> List<CompiledRule<E>> compiled(String source) {
        List<CompiledRule<?>> list = compiled.getOrDefault(source, List.of());
        return (List<CompiledRule<E>>) (List<?>) list;
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml")).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new InputException(path.toString(), "cannot list rules directory: " + e.getMessage(), e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(file.toString(), "rules file not found");
            }
            if (Files.size(file) > MAX_RULE_FILE_BYTES) {
                throw new InputException(file.toString(), "rules file larger than " + MAX_RULE_FILE_BYTES
                        + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(file.toString(), "rules file is not UTF-8 text", e);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read rules file: " + e.getMessage(), e);
        }
    }
}
