package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Alerts POSTed as Falco JSON, one per request, the way Falco's {@code http_output} sends them to Falcosidekick
 * ({@code Content-Type: application/json}). A response other than 2xx, a timeout or a connection error is a failed
 * delivery.
 */
public final class HttpOutput implements Output {

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;

    public HttpOutput(URI url, HttpClient client, Duration timeout) {
        this.url = url;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return url.toString();
    }

    @Override
    public void write(Alert alert) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "bulwark")
                .POST(HttpRequest.BodyPublishers.ofString(AlertFormat.json(alert))).build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + " answered HTTP " + response.statusCode());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
