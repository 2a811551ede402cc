package dev.bulwark.vuln;

import dev.bulwark.core.InputException;
import dev.bulwark.core.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Mirrors per-ecosystem OSV archives laid out as {@code <base>/<Ecosystem>/all.zip} (osv.dev's bucket or any HTTP
 * server with that layout) and the CISA KEV catalogue into {@code <cache-dir>/osv/}, then rebuilds the database
 * from them. Requests are conditional ({@code If-None-Match}, {@code If-Modified-Since}), so unchanged archives
 * are not downloaded again, and the database is rebuilt only when something changed.
 */
public final class MirrorUpdater {

    /** osv.dev's public bucket. */
    public static final String DEFAULT_SOURCE = "https://osv-vulnerabilities.storage.googleapis.com";
    /** CISA's KEV feed. */
    public static final String DEFAULT_KEV = "https://www.cisa.gov/sites/default/files/feeds/"
            + "known_exploited_vulnerabilities.json";
    /** The ecosystems Bulwark matches. */
    public static final List<String> DEFAULT_ECOSYSTEMS = List.of("Debian", "Ubuntu", "Alpine", "AlmaLinux",
            "Rocky Linux", "Wolfi", "Chainguard", "Maven", "npm", "PyPI", "Go", "crates.io", "RubyGems", "Packagist",
            "NuGet", "Hex");
    /** Largest archive accepted. */
    public static final long MAX_DOWNLOAD_BYTES = 2L << 30;

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");
    private static final String KEV_FILE = "known_exploited_vulnerabilities.json";

    private final HttpClient client;
    private final Clock clock;

    public MirrorUpdater(HttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The mirror directory of a cache directory. */
    public static Path mirrorDir(Path cacheDir) {
        return cacheDir.resolve("osv");
    }

    /**
     * Downloads what changed and rebuilds the database when needed.
     *
     * @param kevUrl the KEV catalogue URL, or {@code null} to skip it
     * @throws UsageException for an ecosystem name that is not a safe directory name
     * @throws InputException when the source cannot be reached or serves something that is not a zip archive
     */
    public UpdateReport update(Path cacheDir, URI base, List<String> ecosystems, URI kevUrl) {
        Path mirror = mirrorDir(cacheDir);
        List<UpdateReport.Source> sources = new ArrayList<>();
        boolean changed = false;
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        for (String ecosystem : ecosystems) {
            if (!SAFE_NAME.matcher(ecosystem).matches() || ecosystem.contains("..")) {
                throw new UsageException("--ecosystem", "'" + ecosystem + "' is not an ecosystem name");
            }
            URI url = URI.create(root + URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/all.zip");
            UpdateReport.Source s = fetch(ecosystem, url, mirror.resolve(ecosystem).resolve("all.zip"), true);
            sources.add(s);
            changed |= s.outcome() == UpdateReport.Outcome.DOWNLOADED;
        }
        if (kevUrl != null) {
            UpdateReport.Source s = fetch("KEV", kevUrl, mirror.resolve("_kev").resolve(KEV_FILE), false);
            sources.add(s);
            changed |= s.outcome() == UpdateReport.Outcome.DOWNLOADED;
        }
        List<Path> inputs = new ArrayList<>();
        for (String ecosystem : ecosystems) {
            Path zip = mirror.resolve(ecosystem).resolve("all.zip");
            if (Files.isRegularFile(zip)) {
                inputs.add(zip);
            }
        }
        Path kev = mirror.resolve("_kev").resolve(KEV_FILE);
        if (kevUrl != null && Files.isRegularFile(kev)) {
            inputs.add(kev);
        }
        if (inputs.isEmpty()) {
            throw new InputException(base.toString(), "no archive found for any of " + ecosystems
                    + " (expected <base>/<Ecosystem>/all.zip)");
        }
        if (!changed && Files.isRegularFile(VulnDatabase.file(cacheDir))) {
            return new UpdateReport(sources, null);
        }
        return new UpdateReport(sources, new DatabaseImporter(clock).importInto(cacheDir, inputs));
    }

    private UpdateReport.Source fetch(String name, URI url, Path target, boolean zip) {
        Path meta = target.resolveSibling(target.getFileName() + ".http");
        Properties validators = load(meta);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET();
        if (Files.isRegularFile(target)) {
            String etag = validators.getProperty("etag");
            String lastModified = validators.getProperty("last-modified");
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new InputException(url.toString(), "download failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(url.toString(), "download interrupted", e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 304) {
                return new UpdateReport.Source(name, url.toString(), UpdateReport.Outcome.UNCHANGED, 0);
            }
            if (status == 404) {
                return new UpdateReport.Source(name, url.toString(), UpdateReport.Outcome.MISSING, 0);
            }
            if (status != 200) {
                throw new InputException(url.toString(), "HTTP status " + status);
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                long bytes = copyBounded(body, temp, url);
                if (zip) {
                    checkZip(temp, url);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Properties next = new Properties();
                response.headers().firstValue("ETag").ifPresent(v -> next.setProperty("etag", v));
                response.headers().firstValue("Last-Modified").ifPresent(v -> next.setProperty("last-modified", v));
                store(meta, next);
                return new UpdateReport.Source(name, url.toString(), UpdateReport.Outcome.DOWNLOADED, bytes);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new InputException(url.toString(), "download failed (" + e.getMessage() + ")", e);
        }
    }

    private static long copyBounded(InputStream in, Path target, URI url) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > MAX_DOWNLOAD_BYTES) {
                    throw new InputException(url.toString(), "larger than " + MAX_DOWNLOAD_BYTES + " bytes; refusing");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static void checkZip(Path file, URI url) {
        try (ZipFile ignored = new ZipFile(file.toFile())) {
            // opening reads the central directory: a truncated or non-zip body fails here
        } catch (IOException e) {
            throw new InputException(url.toString(), "not a zip archive (" + e.getMessage() + ")", e);
        }
    }

    private static Properties load(Path meta) {
        Properties p = new Properties();
        if (Files.isRegularFile(meta)) {
            try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    private static void store(Path meta, Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(meta, StandardCharsets.UTF_8)) {
            p.store(w, "HTTP validators of the download beside this file");
        }
    }
}
