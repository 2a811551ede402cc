package dev.bulwark.cli;

import dev.bulwark.vuln.DatabaseImporter;
import dev.bulwark.vuln.DatabaseInfo;
import dev.bulwark.vuln.ImportReport;
import dev.bulwark.vuln.MirrorUpdater;
import dev.bulwark.vuln.UpdateReport;
import dev.bulwark.vuln.VulnDatabase;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulwark db}: manage the vulnerability database in the cache directory. */
@Command(name = "db", sortOptions = false,
        header = "Manage the vulnerability database (OSV advisories).",
        subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Info.class})
final class DbCommand implements Callable<Integer> {

    @ParentCommand
    BulwarkCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(root.environment().err());
        root.environment().err().println();
        root.environment().err().println("bulwark: missing db command (import, update, info)");
        return ExitCodes.USAGE;
    }

    @Command(name = "import", header = "Import OSV files, directories or all.zip archives and CISA KEV JSON.",
            description = "Builds a new database from PATHs and replaces the old one when complete; a failed "
                    + "import leaves the previous database in place.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Parameters(arity = "1..*", paramLabel = "PATH", description = "OSV JSON files, directories, all.zip files.")
        private List<Path> paths;

        @Override
        public Integer call() {
            BulwarkCommand root = db.root;
            List<Path> inputs = paths.stream().map(root::resolve).toList();
            ImportReport report = new DatabaseImporter(Clock.systemUTC()).importInto(root.cacheDir(), inputs);
            printImport(root.environment().out(), report);
            warnProblems(root, report);
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", header = "Download the per-ecosystem all.zip archives from osv.dev or a mirror.",
            description = "Fetches <base>/<Ecosystem>/all.zip for each ecosystem into the cache (conditional "
                    + "requests: unchanged archives are not downloaded again) and rebuilds the database when "
                    + "something changed.")
    static final class Update implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Option(names = "--source", paramLabel = "URL", defaultValue = MirrorUpdater.DEFAULT_SOURCE,
                description = "Base URL laid out as <base>/<Ecosystem>/all.zip (default: ${DEFAULT-VALUE}).")
        private String source;

        @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
                description = "Ecosystems to download (default: the ones Bulwark matches: Debian, Ubuntu, Alpine, "
                        + "AlmaLinux, Rocky Linux, Wolfi, Chainguard, Maven, npm, PyPI, Go, crates.io, RubyGems, "
                        + "Packagist, NuGet, Hex).")
        private List<String> ecosystems;

        @Option(names = "--kev-url", paramLabel = "URL", defaultValue = MirrorUpdater.DEFAULT_KEV,
                description = "CISA KEV catalogue URL, or 'none' (default: ${DEFAULT-VALUE}).")
        private String kevUrl;

        @Override
        public Integer call() {
            BulwarkCommand root = db.root;
            URI base = uri(source, "--source");
            URI kev = kevUrl.equalsIgnoreCase("none") ? null : uri(kevUrl, "--kev-url");
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            UpdateReport report = new MirrorUpdater(client, Clock.systemUTC()).update(root.cacheDir(), base,
                    ecosystems == null ? MirrorUpdater.DEFAULT_ECOSYSTEMS : ecosystems, kev);
            PrintWriter out = root.environment().out();
            for (UpdateReport.Source s : report.sources()) {
                String what = switch (s.outcome()) {
                    case DOWNLOADED -> "downloaded " + mib(s.bytes());
                    case UNCHANGED -> "unchanged";
                    case MISSING -> "not on the mirror (404)";
                };
                out.printf("%-12s %s%n", s.name(), what);
            }
            if (report.imported() == null) {
                out.println("The database is up to date.");
            } else {
                printImport(out, report.imported());
                warnProblems(root, report.imported());
            }
            return ExitCodes.OK;
        }

        private static URI uri(String value, String option) {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new dev.bulwark.core.UsageException(option, "'" + value + "' is not an http(s) URL");
            }
        }
    }

    @Command(name = "info", header = "Show the database's ecosystems, record counts, age and schema version.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        private DbCommand db;

        @Override
        public Integer call() {
            BulwarkCommand root = db.root;
            DatabaseInfo info;
            try (VulnDatabase database = VulnDatabase.open(root.cacheDir())) {
                info = database.info();
            }
            PrintWriter out = root.environment().out();
            out.printf("Database:  %s (%s, schema %d, built %s)%n", info.file(), mib(info.sizeBytes()),
                    info.schemaVersion(), info.builtAt());
            out.printf("Records:   %d in %d ecosystems%n", info.records(), info.ecosystems().size());
            out.printf("KEV:       %d entries%s%n", info.knownExploited(),
                    info.kevCatalog().isEmpty() ? "" : " (catalogue " + info.kevCatalog() + ")");
            out.printf("Import:    %s%n%n", info.importSummary());
            out.printf("%-28s %8s %9s  %s%n", "ECOSYSTEM", "RECORDS", "ENTRIES", "LAST MODIFIED");
            for (DatabaseInfo.Ecosystem e : info.ecosystems()) {
                out.printf("%-28s %8d %9d  %s%n", e.name(), e.records(), e.affectedEntries(),
                        e.lastModified() == null ? "-" : e.lastModified());
            }
            return ExitCodes.OK;
        }
    }

    private static void printImport(PrintWriter out, ImportReport r) {
        out.printf("Imported %d advisories (%d affected entries) and %d KEV entries into %s (%s) in %.1f s.%n",
                r.records(), r.affectedEntries(), r.knownExploited(), r.database(), mib(r.sizeBytes()),
                r.elapsed().toMillis() / 1000.0);
        out.printf("Skipped: %d withdrawn, %d duplicates, %d without package, %d invalid, %d not OSV; "
                        + "%d GIT ranges are not evaluated.%n", r.withdrawn(), r.duplicates(), r.withoutPackage(),
                r.invalid(), r.notOsv(), r.gitRanges());
    }

    private static void warnProblems(BulwarkCommand root, ImportReport r) {
        if (root.quiet()) {
            return;
        }
        for (String problem : r.problems()) {
            root.environment().err().println("bulwark: warning: " + problem);
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
