package dev.bulwark.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.core.InputException;
import dev.bulwark.runtime.engine.AuditPipeline;
import dev.bulwark.runtime.engine.Counters;
import dev.bulwark.runtime.k8saudit.AuditEvent;
import dev.bulwark.runtime.k8saudit.AuditReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The endpoint a Kubernetes API server's audit webhook backend posts to ({@code --audit-webhook-config-file}
 * pointing at {@code http://HOST:PORT/k8s-audit}, as for Falco's k8saudit plugin): each POST carries an
 * {@code EventList} batch (or single events). Requests are parsed on the HTTP threads and queued; one engine thread
 * runs the rules, so outputs see alerts one at a time and in order. A full queue answers 503 so the API server
 * retries the batch later; the refused events are counted. Bodies over {@link #MAX_BODY_BYTES} get 413, malformed
 * JSON 400, and anything but POST 405.
 */
public final class AuditWebhook implements AutoCloseable {

    /** The default path, Falco's k8saudit plugin default. */
    public static final String DEFAULT_PATH = "/k8s-audit";

    /** Largest request body accepted. */
    public static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AuditEvent STOP = new AuditEvent(MAPPER.createObjectNode(), -1);

    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final BlockingQueue<AuditEvent> queue;
    private final Counters counters;
    private final AuditPipeline pipeline;
    private final Thread engineThread;
    private final Consumer<String> problems;
    private final int maxBody;

    private AuditWebhook(HttpServer server, ExecutorService httpThreads, int capacity, Counters counters,
                         AuditPipeline pipeline, Consumer<String> problems, int maxBody) {
        this.maxBody = maxBody;
        this.server = server;
        this.httpThreads = httpThreads;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.counters = counters;
        this.pipeline = pipeline;
        this.problems = problems;
        this.engineThread = Thread.ofPlatform().name("bulwark-audit-engine").daemon(true).unstarted(this::drain);
    }

    /**
     * Starts listening.
     *
     * @param bind address and port ({@code 0} picks a free port, see {@link #address()})
     * @param path the request path, {@link #DEFAULT_PATH} unless the API server's webhook config says otherwise
     * @param queueCapacity events that may wait for the engine before requests are refused with 503
     * @param problems receives a line for every refused request or record
     */
    public static AuditWebhook start(InetSocketAddress bind, String path, RuleSet rules, EngineOptions options,
                                     AlertSink sink, int queueCapacity, Consumer<String> problems) {
        return start(bind, path, rules, options, sink, queueCapacity, problems, MAX_BODY_BYTES);
    }

    /** {@link #start} with another body bound (tests). */
    static AuditWebhook start(InetSocketAddress bind, String path, RuleSet rules, EngineOptions options,
                              AlertSink sink, int queueCapacity, Consumer<String> problems, int maxBody) {
        HttpServer server;
        try {
            server = HttpServer.create(bind, 64);
        } catch (IOException e) {
            throw new InputException(bind.toString(), "cannot listen for audit events: " + e.getMessage(), e);
        }
        Counters counters = new Counters();
        AuditPipeline pipeline = new AuditPipeline(rules, options, Hostname.local(), counters, sink,
                (where, problem) -> problems.accept("audit webhook: " + where + ": " + problem));
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> Thread.ofPlatform()
                .name("bulwark-audit-http").daemon(true).unstarted(r));
        AuditWebhook webhook = new AuditWebhook(server, threads, queueCapacity, counters, pipeline, problems,
                maxBody);
        server.createContext(path, webhook::handle);
        server.setExecutor(threads);
        webhook.engineThread.start();
        server.start();
        return webhook;
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The counters so far. */
    public RuntimeStats stats() {
        return counters.snapshot();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, "only POST is accepted");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(maxBody + 1);
            }
            if (body.length > maxBody) {
                counters.dropped("request_too_large", 1);
                problems.accept("audit webhook: request from " + exchange.getRemoteAddress() + " refused: body over "
                        + maxBody + " bytes");
                respond(exchange, 413, "body larger than " + maxBody + " bytes");
                return;
            }
            JsonNode json;
            try {
                json = MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                counters.dropped(AuditReader.MALFORMED, 1);
                problems.accept("audit webhook: request from " + exchange.getRemoteAddress()
                        + " refused: malformed JSON: " + e.getOriginalMessage());
                respond(exchange, 400, "malformed JSON");
                return;
            }
            List<AuditEvent> events = new ArrayList<>();
            AuditReader.accept("audit webhook", json == null ? MAPPER.missingNode() : json, new AuditReader.Handler() {
                @Override
                public void event(AuditEvent event) {
                    events.add(event);
                }

                @Override
                public void problem(String where, String reason, String problem) {
                    pipeline.problem("request from " + exchange.getRemoteAddress(), reason, problem);
                }
            });
            if (!offerAll(events)) {
                counters.dropped("queue_full", events.size());
                exchange.getResponseHeaders().add("Retry-After", "1");
                respond(exchange, 503, "busy, retry later");
                return;
            }
            respond(exchange, 200, "");
        }
    }

    /** Queues all events of a request or none (so a retried batch is not processed twice). */
    private synchronized boolean offerAll(List<AuditEvent> events) {
        if (queue.remainingCapacity() < events.size()) {
            return false;
        }
        queue.addAll(events);
        return true;
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void drain() {
        while (true) {
            AuditEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == STOP) {
                return;
            }
            pipeline.event(event);
        }
    }

    /** Stops accepting requests, lets the engine finish the queued events, and stops. */
    @Override
    public void close() {
        server.stop(1);
        httpThreads.shutdown();
        try {
            httpThreads.awaitTermination(5, TimeUnit.SECONDS);
            queue.put(STOP);
            engineThread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
