package dev.bulwark.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * The CNCF distribution registry (Debian package {@code docker-registry}) started for a test on a free loopback
 * port, with a throw-away store and one of three auth modes, after the approach of
 * {@code ../shared/tools/registry-peer.sh}. For token auth it runs the token server itself: a small HTTP endpoint
 * issuing RS256 JWTs signed by a key whose self-signed certificate the registry trusts ({@code rootcertbundle}),
 * the way Docker Hub's auth service works.
 */
final class RegistryPeer implements AutoCloseable {

    enum Auth { NONE, HTPASSWD, TOKEN }

    static final String USER = "bulwark";
    static final String PASSWORD = "s3cret-pass";
    static final String SERVICE = "bulwark-test-registry";
    static final String ISSUER = "bulwark-test-issuer";

    private final Process process;
    private final HttpServer tokenServer;
    private final int port;
    private final Path dir;
    private final boolean tls;
    final List<String> tokenRequests = new ArrayList<>();

    /** Skips the calling test with a message when the registry or skopeo is not installed. */
    static void assumeInstalled() {
        for (String tool : List.of("docker-registry", "skopeo")) {
            Assumptions.assumeTrue(onPath(tool), tool + " is not installed (Debian packages docker-registry and "
                    + "skopeo; .ci/run installs them); skipping the registry test");
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    RegistryPeer(Path dir, Auth auth) throws Exception {
        this(dir, auth, false);
    }

    /** With {@code tls}, the registry serves HTTPS with a self-signed certificate made for the test. */
    RegistryPeer(Path dir, Auth auth, boolean tls) throws Exception {
        this.dir = dir;
        this.tls = tls;
        this.port = freePort();
        String authYaml = "";
        HttpServer server = null;
        switch (auth) {
            case NONE -> { }
            case HTPASSWD -> {
                byte[] salt = new byte[16];
                new java.security.SecureRandom().nextBytes(salt);
                Files.writeString(dir.resolve("htpasswd"), USER + ":"
                        + OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 5) + "\n");
                authYaml = "auth:\n  htpasswd:\n    realm: bulwark-test\n    path: " + dir.resolve("htpasswd") + "\n";
            }
            case TOKEN -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                X509Certificate cert = selfSigned(keys);
                Files.writeString(dir.resolve("token.crt"), pem("CERTIFICATE", cert.getEncoded()));
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/token", exchange -> issueToken(exchange, keys.getPrivate(), cert));
                server.start();
                authYaml = "auth:\n  token:\n    realm: http://127.0.0.1:" + server.getAddress().getPort()
                        + "/token\n    service: " + SERVICE + "\n    issuer: " + ISSUER + "\n    rootcertbundle: "
                        + dir.resolve("token.crt") + "\n";
            }
        }
        this.tokenServer = server;
        String tlsYaml = "";
        if (tls) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", selfSigned(keys).getEncoded()));
            Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            tlsYaml = "  tls:\n    certificate: " + dir.resolve("tls.crt") + "\n    key: " + dir.resolve("tls.key")
                    + "\n";
        }
        Files.createDirectories(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: bulwark-test-secret
                %s%s""".formatted(dir.resolve("data"), port, tlsYaml, authYaml));
        this.process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        awaitReady();
    }

    String host() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(
                        dir.resolve("registry.log")));
            }
            if (tls) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                    return; // listening; the TLS handshake itself is what the tests exercise
                } catch (IOException e) {
                    Thread.sleep(100);
                    continue;
                }
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL()
                        .openConnection();
                int code = connection.getResponseCode();
                connection.disconnect();
                if (code == 200 || code == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("docker-registry did not start on " + host());
    }

    /**
     * Pushes an image with {@code skopeo copy}, e.g. {@code oci-archive:/x.oci.tar} to {@code repo:tag}; with
     * credentials when the registry needs them.
     */
    void push(String from, String repoTag, boolean withCredentials) throws Exception {
        List<String> command = new ArrayList<>(List.of("skopeo", "--insecure-policy", "copy", "--quiet",
                "--dest-tls-verify=false"));
        if (withCredentials) {
            command.add("--dest-creds=" + USER + ":" + PASSWORD);
        }
        command.add(from);
        command.add("docker://" + host() + "/" + repoTag);
        Process skopeo = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(skopeo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!skopeo.waitFor(120, TimeUnit.SECONDS) || skopeo.exitValue() != 0) {
            throw new IllegalStateException("skopeo copy " + from + " failed: " + output);
        }
    }

    /** Stores a manifest (e.g. a hand-made index) with a plain HTTP PUT; anonymous registries only. */
    void putManifest(String repo, String reference, String mediaType, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + host() + "/v2/" + repo
                + "/manifests/" + reference).toURL().openConnection();
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", mediaType);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int code = connection.getResponseCode();
        if (code != 201) {
            InputStream error = connection.getErrorStream();
            throw new IllegalStateException("PUT manifest answered " + code + ": "
                    + (error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private void issueToken(HttpExchange exchange, PrivateKey key, X509Certificate cert) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (tokenRequests) {
                tokenRequests.add(query + (authorization != null ? " with credentials" : " anonymous"));
            }
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(authorization)) {
                byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            StringBuilder access = new StringBuilder();
            for (String param : query == null ? new String[0] : query.split("&")) {
                if (param.startsWith("scope=")) {
                    String scope = java.net.URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8);
                    String[] parts = scope.split(":");
                    if (parts.length == 3) {
                        StringBuilder actions = new StringBuilder();
                        for (String action : parts[2].split(",")) {
                            actions.append(actions.isEmpty() ? "" : ",").append('"').append(action).append('"');
                        }
                        access.append(access.isEmpty() ? "" : ",").append("{\"type\":\"").append(parts[0])
                                .append("\",\"name\":\"").append(parts[1]).append("\",\"actions\":[")
                                .append(actions).append("]}");
                    }
                }
            }
            long now = Instant.now().getEpochSecond();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\""
                    + Base64.getEncoder().encodeToString(cert.getEncoded()) + "\"]}";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + USER + "\",\"aud\":\"" + SERVICE
                    + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
                    + UUID.randomUUID() + "\",\"access\":[" + access + "]}";
            String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64Url(claims.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            String jwt = signingInput + "." + base64Url(signature.sign());
            byte[] body = ("{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":300}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String base64Url(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    private static X509Certificate selfSigned(KeyPair keys) throws Exception {
        X500Name name = new X500Name("CN=" + ISSUER);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(2, ChronoUnit.DAYS)), name,
                keys.getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The registry's log, for assertion messages. */
    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (tokenServer != null) {
            tokenServer.stop(0);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
