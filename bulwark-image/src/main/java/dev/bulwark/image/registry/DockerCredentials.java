package dev.bulwark.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.InputException;
import dev.bulwark.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a registry's credentials the way the Docker CLI does: {@code $DOCKER_CONFIG/config.json} (else
 * {@code ~/.docker/config.json}), first {@code credHelpers[registry]}, then {@code auths[registry]} (base64
 * {@code auth} or {@code username}/{@code password}), then the default {@code credsStore}. A helper is the program
 * {@code docker-credential-NAME} found on {@code PATH}, run as {@code NAME get} with the server URL on standard input.
 */
public final class DockerCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(DockerCredentials.class);
    private static final String HUB_SERVER = "https://index.docker.io/v1/";
    private static final long MAX_CONFIG_BYTES = 4 << 20;
    private static final long HELPER_TIMEOUT_SECONDS = 30;

    private final Map<String, String> env;
    private final ObjectMapper mapper = new ObjectMapper();

    public DockerCredentials(Map<String, String> env) {
        this.env = env;
    }

    /** The config file consulted, or {@code null} when neither {@code DOCKER_CONFIG} nor {@code HOME} is set. */
    Path configFile() {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir, "config.json");
        }
        String home = env.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, ".docker", "config.json");
    }

    /** The credentials for {@code registry} (a host with optional port), if the Docker config has any. */
    public Optional<Credentials> lookup(String registry) {
        Path file = configFile();
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new InputException(file.toString(), "larger than " + MAX_CONFIG_BYTES + " bytes");
            }
            config = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read the Docker config (" + e.getMessage() + ")", e);
        }
        if (config == null || !config.isObject()) {
            throw new InputException(file.toString(), "the Docker config is not a JSON object");
        }
        List<String> keys = keysFor(registry);
        JsonNode helpers = config.path("credHelpers");
        for (String key : keys) {
            if (helpers.path(key).isTextual()) {
                return helper(helpers.path(key).asText(), registry);
            }
        }
        JsonNode auths = config.path("auths");
        for (var entry : auths.properties()) {
            if (keys.contains(normalizeKey(entry.getKey()))) {
                Optional<Credentials> found = fromAuth(entry.getValue(), file);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (config.path("credsStore").isTextual() && !config.path("credsStore").asText().isEmpty()) {
            return helper(config.path("credsStore").asText(), registry);
        }
        return Optional.empty();
    }

    /** The config keys that may name {@code registry}: Docker Hub goes by several names. */
    static List<String> keysFor(String registry) {
        if (registry.equals(ImageReference.DOCKER_HUB) || registry.equals("index.docker.io")
                || registry.equals("docker.io")) {
            return List.of("index.docker.io", "docker.io", ImageReference.DOCKER_HUB);
        }
        return List.of(registry);
    }

    /** {@code https://index.docker.io/v1/} → {@code index.docker.io}: the host of a config key. */
    static String normalizeKey(String key) {
        String host = key;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(0, slash) : host;
    }

    private static Optional<Credentials> fromAuth(JsonNode entry, Path file) {
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InputException(file.toString(), "an \"auth\" entry is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new InputException(file.toString(), "an \"auth\" entry is not base64 of user:password");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1),
                    file.toString()));
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!user.isEmpty() && !password.isEmpty()) {
            return Optional.of(new Credentials(user, password, file.toString()));
        }
        if (!entry.path("identitytoken").asText("").isEmpty()) {
            LOG.warn("{}: identity tokens (OAuth refresh tokens) are not supported; pulling anonymously", file);
        }
        return Optional.empty();
    }

    private Optional<Credentials> helper(String name, String registry) {
        String program = "docker-credential-" + name;
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InputException(String.valueOf(configFile()), "invalid credential helper name '" + name + "'");
        }
        Path executable = findOnPath(program);
        if (executable == null) {
            LOG.warn("credential helper {} named by {} is not on PATH; pulling {} anonymously", program,
                    configFile(), registry);
            return Optional.empty();
        }
        String server = keysFor(registry).getFirst().equals("index.docker.io") ? HUB_SERVER : registry;
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "get");
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(server.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                LOG.debug("{} did not read the server URL ({})", program, e.getMessage()); // it may answer anyway
            }
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readNBytes(64 << 10);
            }
            if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InputException(program, "did not answer within " + HELPER_TIMEOUT_SECONDS + " seconds");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                LOG.warn("{} get failed for {} (exit {}): {}; pulling anonymously", program, server,
                        process.exitValue(), text.strip());
                return Optional.empty();
            }
            JsonNode answer = mapper.readTree(text);
            String user = answer.path("Username").asText("");
            String secret = answer.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            if (user.equals("<token>")) {
                LOG.warn("{} returned an identity token for {}; identity tokens are not supported, pulling "
                        + "anonymously", program, server);
                return Optional.empty();
            }
            return Optional.of(new Credentials(user, secret, program));
        } catch (IOException e) {
            throw new InputException(program, "cannot run the credential helper (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(program, "interrupted", e);
        }
    }

    private Path findOnPath(String program) {
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
