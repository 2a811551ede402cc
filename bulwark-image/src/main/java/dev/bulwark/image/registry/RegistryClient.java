package dev.bulwark.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.Digest;
import dev.bulwark.core.InputException;
import dev.bulwark.image.ImageReference;
import dev.bulwark.image.RegistryEnvironment;
import dev.bulwark.image.RegistryOptions;
import dev.bulwark.image.internal.MediaTypes;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only client of the OCI Distribution API for one repository: fetches manifests and blobs, answering the
 * registry's {@code WWW-Authenticate} challenge (anonymous, Basic, or a Bearer token from the realm, with the
 * repository's pull scope), retrying rate limits, server errors and dropped connections with bounded backoff,
 * following redirects to blob storage without leaking the registry's credentials, and verifying every manifest and
 * JSON blob against its digest. Layer blobs are returned as streams; the layer reader verifies them as they pass.
 * Safe for several layer downloads at once: the authentication state is guarded by this object's lock.
 */
public final class RegistryClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
    private static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final int MAX_REDIRECTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_TOKEN_BYTES = 1 << 20;

    /** A manifest or index as served, with the digest of its exact bytes. */
    public record Manifest(byte[] body, String mediaType, Digest digest) {
    }

    private final ImageReference reference;
    private final RegistryOptions options;
    private final RegistryEnvironment environment;
    private final String source;
    private final HttpClient http;
    private final Retry retry;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Supplier<Optional<Credentials>> credentials;
    private String scheme;
    private Challenge challenge;
    private String token;
    private Instant tokenExpires = Instant.MIN;
    private Optional<Credentials> resolvedCredentials;

    /**
     * @param source names the image in error messages (what the user typed)
     */
    public RegistryClient(ImageReference reference, RegistryOptions options, RegistryEnvironment environment,
                          String source) {
        this(reference, options, environment, source, Retry.DEFAULT);
    }

    RegistryClient(ImageReference reference, RegistryOptions options, RegistryEnvironment environment,
                   String source, Retry retry) {
        this.reference = reference;
        this.options = options;
        this.environment = environment;
        this.source = source;
        this.retry = retry;
        HttpClient.Builder builder = environment.http().get()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1);
        if (options.insecure()) {
            builder.sslContext(trustingEveryone());
        }
        this.http = builder.build();
        this.credentials = () -> {
            if (options.username() != null) {
                return Optional.of(new Credentials(options.username(), options.password(), "--username"));
            }
            return new DockerCredentials(environment.env()).lookup(reference.registry());
        };
    }

    /** Fetches a manifest or index by tag or digest, verifying its digest (against the request or the header). */
    public Manifest manifest(String tagOrDigest, long maxBytes) throws IOException {
        String what = "manifest " + tagOrDigest;
        HttpResponse<InputStream> response = send("manifests/" + tagOrDigest, MANIFEST_ACCEPT, what);
        byte[] body;
        try (InputStream in = response.body()) {
            if (response.statusCode() == 404) {
                throw new InputException(source, what + " not found in " + reference.name() + errorDetail(in));
            }
            expectOk(response, in, what);
            body = readBounded(in, maxBytes, what);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        Digest expected = null;
        if (tagOrDigest.contains(":")) {
            expected = Digest.parse(tagOrDigest);
        } else {
            Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
            if (header.isPresent()) {
                try {
                    expected = Digest.parse(header.get().trim());
                } catch (IllegalArgumentException e) {
                    LOG.debug("{}: ignoring invalid Docker-Content-Digest {}", source, header.get());
                }
            }
        }
        Digest actual = digest(body, expected == null ? "sha256" : expected.algorithm());
        if (expected != null && !actual.equals(expected)) {
            throw new InputException(source, what + " has digest " + actual + ", but " + expected
                    + " was " + (tagOrDigest.contains(":") ? "requested" : "announced by the registry"));
        }
        return new Manifest(body, mediaType, actual);
    }

    /** Fetches a small blob (an image config) into memory, verifying its digest. */
    public byte[] blob(Digest digest, long maxBytes) throws IOException {
        String what = "blob " + digest;
        try (InputStream in = openBlob(digest)) {
            byte[] body = readBounded(in, maxBytes, what);
            Digest actual = digest(body, digest.algorithm());
            if (!actual.equals(digest)) {
                throw new InputException(source, what + " has digest " + actual + " (corrupt or tampered)");
            }
            return body;
        }
    }

    /** Opens a blob as a stream, straight from the HTTP response; the caller verifies its digest as it reads. */
    public InputStream openBlob(Digest digest) throws IOException {
        String what = "blob " + digest;
        HttpResponse<InputStream> response = send("blobs/" + digest, "*/*", what);
        InputStream in = response.body();
        if (response.statusCode() == 404) {
            try (in) {
                throw new InputException(source, what + " is missing from " + reference.name() + errorDetail(in));
            }
        }
        if (response.statusCode() != 200) {
            try (in) {
                expectOk(response, in, what);
            }
        }
        return in;
    }

    private void expectOk(HttpResponse<InputStream> response, InputStream in, String what) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return;
        }
        String detail = errorDetail(in);
        if (status == 401) {
            throw new InputException(source, "unauthorized to pull " + reference.name() + " (" + what + ")" + detail
                    + credentialHint());
        }
        if (status == 403) {
            throw new InputException(source, "access to " + reference.name() + " denied (" + what + ")" + detail
                    + credentialHint());
        }
        throw new InputException(source, "registry answered HTTP " + status + " for " + what + detail);
    }

    private synchronized String credentialHint() {
        Optional<Credentials> used = resolvedCredentials == null ? Optional.empty() : resolvedCredentials;
        return used.map(c -> "; credentials for user '" + c.username() + "' from " + c.source() + " were rejected")
                .orElse("; no credentials were given (use --username/--password or docker login)");
    }

    /** The registry's JSON error ({@code errors[0].code: message}), as a suffix for messages. */
    private String errorDetail(InputStream in) {
        try {
            byte[] body = in.readNBytes(16 << 10);
            JsonNode errors = mapper.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                JsonNode first = errors.get(0);
                return ": " + first.path("code").asText("") + " " + first.path("message").asText("");
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error document
        }
        return "";
    }

    /**
     * Sends a GET to {@code /v2/<repository>/<path>} with authentication, retries and redirects; returns the final
     * response (any status) with an unread body.
     */
    private HttpResponse<InputStream> send(String path, String accept, String what) throws IOException {
        synchronized (this) {
            if (scheme == null) {
                ping();
            }
        }
        URI uri = URI.create(scheme + "://" + reference.registry() + "/v2/" + reference.repository() + "/" + path);
        boolean reauthenticated = false;
        while (true) {
            HttpResponse<InputStream> response = sendWithRetries(uri, accept, true, what);
            if (response.statusCode() == 401 && !reauthenticated) {
                Optional<Challenge> offered = Challenge.choose(response.headers().allValues("WWW-Authenticate"));
                if (offered.isPresent()) {
                    response.body().close();
                    synchronized (this) {
                        challenge = offered.get();
                        token = null;
                    }
                    reauthenticated = true;
                    continue;
                }
            }
            return response;
        }
    }

    /**
     * Finds the scheme (HTTPS; with {@code --insecure} also plain HTTP when TLS fails) and the registry's challenge.
     * With {@code --insecure}, HTTPS gets one short attempt: a plain-HTTP server may never answer a TLS handshake.
     */
    private void ping() throws IOException {
        List<String> schemes = options.insecure() ? List.of("https", "http") : List.of("https");
        IOException last = null;
        for (String candidate : schemes) {
            URI uri = URI.create(candidate + "://" + reference.registry() + "/v2/");
            boolean probe = options.insecure() && candidate.equals("https");
            HttpResponse<InputStream> response;
            try {
                response = sendWithRetries(uri, "application/json", false, "the API version check",
                        probe ? 1 : retry.maxAttempts(), probe ? PROBE_TIMEOUT : RESPONSE_TIMEOUT);
            } catch (SSLException | ConnectException | java.net.http.HttpTimeoutException e) {
                last = e;
                LOG.debug("{}: {} failed ({}); trying the next scheme", source, uri, e.toString());
                continue;
            } catch (InputException e) {
                if (!probe) {
                    throw e;
                }
                last = e.getCause() instanceof IOException io ? io : new IOException(e.getMessage());
                LOG.debug("{}: {} failed ({}); trying the next scheme", source, uri, e.getMessage());
                continue;
            }
            try (InputStream in = response.body()) {
                in.readNBytes(16 << 10);
            }
            int status = response.statusCode();
            if (status == 401) {
                challenge = Challenge.choose(response.headers().allValues("WWW-Authenticate")).orElse(null);
            } else if (Retry.retryable(status)) {
                throw new InputException(source, "registry " + reference.registry() + " is unavailable (HTTP "
                        + status + " after " + retry.maxAttempts() + " attempts)");
            } else if (status != 200) {
                throw new InputException(source, reference.registry() + " is not an OCI registry (GET /v2/ answered "
                        + "HTTP " + status + ")");
            }
            scheme = candidate;
            return;
        }
        String hint = !options.insecure() && last instanceof SSLException
                ? "; if it serves plain HTTP or a self-signed certificate, pass --insecure" : "";
        throw new InputException(source, "cannot reach registry " + reference.registry() + " ("
                + (last == null ? "no scheme" : last.getMessage()) + ")" + hint, last);
    }

    private HttpResponse<InputStream> sendWithRetries(URI uri, String accept, boolean authenticate, String what)
            throws IOException {
        return sendWithRetries(uri, accept, authenticate, what, retry.maxAttempts(), RESPONSE_TIMEOUT);
    }

    private HttpResponse<InputStream> sendWithRetries(URI uri, String accept, boolean authenticate, String what,
                                                      int maxAttempts, Duration timeout) throws IOException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = null;
            IOException failure = null;
            try {
                response = followRedirects(uri, accept, authenticate, what, timeout);
            } catch (SSLException e) {
                throw e; // a TLS problem does not go away by retrying
            } catch (IOException e) {
                if (maxAttempts == 1) {
                    throw e;
                }
                if (e instanceof ConnectException) {
                    // Refused: nothing listens there; retrying only delays the message.
                    throw new InputException(source, "cannot reach registry " + reference.registry() + " ("
                            + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")", e);
                }
                failure = e;
            }
            if (response != null && !Retry.retryable(response.statusCode())) {
                return response;
            }
            if (attempt >= maxAttempts) {
                if (response != null) {
                    return response;
                }
                throw new InputException(source, "cannot reach registry " + reference.registry() + " for " + what
                        + " after " + attempt + " attempts (" + failure + ")", failure);
            }
            Duration wait = retry.delay(attempt, response);
            LOG.info("{}: {} {} ({}); retrying in {} ms", source, what, response != null
                    ? "got HTTP " + response.statusCode() : "failed", failure != null ? failure.toString()
                    : "attempt " + attempt, wait.toMillis());
            if (response != null) {
                response.body().close();
            }
            try {
                environment.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to retry " + what);
            }
        }
    }

    private HttpResponse<InputStream> followRedirects(URI start, String accept, boolean authenticate, String what,
                                                      Duration timeout) throws IOException {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", accept)
                    .header("User-Agent", "bulwark");
            boolean sameHost = uri.getHost().equalsIgnoreCase(start.getHost()) && uri.getPort() == start.getPort();
            if (authenticate && sameHost) {
                String authorization = authorization();
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
            }
            HttpResponse<InputStream> response = exchange(request.build());
            int status = response.statusCode();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("Location").orElseThrow(() -> new InputException(
                    source, "registry redirected " + what + " without a Location"));
            URI next = uri.resolve(location);
            if (!next.getScheme().equals("https") && !(next.getScheme().equals("http") && options.insecure())) {
                throw new InputException(source, "registry redirected " + what + " to " + next.getScheme()
                        + "://" + next.getHost() + "; only HTTPS is followed unless --insecure");
            }
            uri = next;
        }
        throw new InputException(source, "more than " + MAX_REDIRECTS + " redirects for " + what);
    }

    private HttpResponse<InputStream> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted: " + request.uri());
        }
    }

    /** The Authorization header value for the current challenge, fetching a token when needed; or null. */
    private synchronized String authorization() throws IOException {
        if (challenge == null) {
            return null;
        }
        Optional<Credentials> creds = credentials();
        return switch (challenge.scheme()) {
            case "basic" -> creds.map(Credentials::basicHeader).orElse(null);
            case "bearer" -> {
                if (token == null || !environment.clock().instant().isBefore(tokenExpires)) {
                    fetchToken(creds);
                }
                yield "Bearer " + token;
            }
            default -> null;
        };
    }

    private synchronized Optional<Credentials> credentials() {
        if (resolvedCredentials == null) {
            resolvedCredentials = credentials.get();
        }
        return resolvedCredentials;
    }

    /** The token flow of the Docker registry token spec: GET realm?service=...&scope=... with Basic credentials. */
    private void fetchToken(Optional<Credentials> creds) throws IOException {
        String realm = challenge.param("realm");
        if (realm == null || realm.isEmpty()) {
            throw new InputException(source, reference.registry() + " asked for a Bearer token without a realm");
        }
        URI realmUri;
        try {
            realmUri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new InputException(source, "invalid token realm '" + realm + "'");
        }
        if (!"https".equals(realmUri.getScheme()) && !("http".equals(realmUri.getScheme()) && options.insecure())) {
            throw new InputException(source, "token realm " + realm + " is not HTTPS; credentials are only sent "
                    + "over plain HTTP with --insecure");
        }
        String pullScope = "repository:" + reference.repository() + ":pull";
        String scope = challenge.param("scope") != null ? challenge.param("scope") : pullScope;
        StringBuilder query = new StringBuilder();
        if (challenge.param("service") != null) {
            query.append("service=").append(encode(challenge.param("service")));
        }
        query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET()
                .header("User-Agent", "bulwark");
        creds.ifPresent(c -> request.header("Authorization", c.basicHeader()));
        HttpResponse<InputStream> response = null;
        for (int attempt = 1; ; attempt++) {
            IOException failure = null;
            try {
                response = exchange(request.build());
            } catch (SSLException e) {
                throw new InputException(source, "cannot reach token realm " + realm + " (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                failure = e;
                response = null;
            }
            if ((response != null && !Retry.retryable(response.statusCode())) || attempt >= retry.maxAttempts()) {
                if (response == null) {
                    throw new InputException(source, "cannot reach token realm " + realm + " (" + failure + ")",
                            failure);
                }
                break;
            }
            if (response != null) {
                response.body().close();
            }
            try {
                environment.sleeper().sleep(retry.delay(attempt, response));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a token");
            }
        }
        JsonNode answer;
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new InputException(source, "token realm " + realm + " refused a token for " + scope + " (HTTP "
                        + response.statusCode() + errorDetail(in) + ")" + credentialHint());
            }
            answer = mapper.readTree(readBounded(in, MAX_TOKEN_BYTES, "token response"));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InputException(source, "token realm " + realm + " answered invalid JSON", e);
        }
        String value = answer.path("token").asText("");
        if (value.isEmpty()) {
            value = answer.path("access_token").asText("");
        }
        if (value.isEmpty()) {
            throw new InputException(source, "token realm " + realm + " answered without a token");
        }
        long expiresIn = Math.max(answer.path("expires_in").asLong(60), 60);
        token = value;
        // Renew a little early so that a token cannot expire between the check and the request.
        tokenExpires = environment.clock().instant().plusSeconds(expiresIn - 10);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private byte[] readBounded(InputStream in, long maxBytes, String what) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (data.length > maxBytes) {
            throw new InputException(source, what + " is larger than the limit of " + maxBytes + " bytes");
        }
        return data;
    }

    private static Digest digest(byte[] data, String algorithm) {
        String jdk = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        try {
            return new Digest(algorithm, HexFormat.of().formatHex(MessageDigest.getInstance(jdk).digest(data)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** TLS that accepts any certificate for any host: {@code --insecure} only. */
    private static SSLContext trustingEveryone() {
        X509ExtendedTrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
