package dev.bulwark.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP proxy in front of a real registry that fails the first {@code failures} requests the way overloaded
 * registries do (429 with {@code Retry-After}, or 503), then forwards everything: a test of the client's retries.
 */
final class FlakyProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "transfer-encoding",
            "date", "host");
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger remainingFailures;
    final AtomicInteger failed = new AtomicInteger();

    FlakyProxy(String target, int failures) throws IOException {
        this.remainingFailures = new AtomicInteger(failures);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> handle(exchange, target));
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, String target) throws IOException {
        try (exchange) {
            if (remainingFailures.getAndDecrement() > 0) {
                int n = failed.incrementAndGet();
                if (n % 2 == 1) {
                    exchange.getResponseHeaders().set("Retry-After", "3");
                    exchange.sendResponseHeaders(429, -1);
                } else {
                    exchange.sendResponseHeaders(503, -1);
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + target
                    + exchange.getRequestURI())).GET();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<InputStream> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
            exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : length);
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
