package dev.bulwark.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.runtime.sys.Libc;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertOutputsTest {

    @TempDir
    Path dir;

    private static final long T0 = 1470327477_881781397L;

    private static Alert alert(int i) {
        return new Alert(T0 + i, "open_from_cat", Priority.WARNING,
                "16:17:57.881781397: Warning An open was seen (command=cat /dev/null) #" + i,
                Map.of("proc.cmdline", "cat /dev/null"), "syscall", List.of("filesystem"), "ubuntu");
    }

    @Test
    void fileOutputAppendsOneLinePerAlertAcrossRuns() throws IOException {
        Path file = dir.resolve("alerts.json");
        for (int run = 0; run < 2; run++) {
            try (AlertOutputs outputs = AlertOutputs.builder(p -> { }).format(AlertFormat.JSON).file(file).build()) {
                outputs.sink().accept(alert(run));
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("output").asText()).endsWith("#1");
    }

    @Test
    void webhookReceivesFalcoJsonAndFailuresAreCountedAndReported() throws Exception {
        List<JsonNode> received = Collections.synchronizedList(new ArrayList<>());
        List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(new ObjectMapper().readTree(in));
                contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.createContext("/broken", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        AlertOutputs outputs = AlertOutputs.builder(problems::add).http(URI.create(base + "/"))
                .http(URI.create(base + "/broken")).build();
        try {
            for (int i = 0; i < 3; i++) {
                outputs.sink().accept(alert(i));
            }
        } finally {
            outputs.close();
            server.stop(0);
        }
        assertThat(received).hasSize(3);
        assertThat(received.getFirst().path("rule").asText()).isEqualTo("open_from_cat");
        assertThat(received.getFirst().path("output_fields").path("proc.cmdline").asText()).isEqualTo("cat /dev/null");
        assertThat(contentTypes).containsOnly("application/json");
        OutputStats stats = outputs.stats();
        assertThat(stats.delivered()).containsEntry(base + "/", 3L);
        assertThat(stats.failed()).containsEntry(base + "/broken", 3L);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("/broken").contains("HTTP 500"));
    }

    @Test
    void aStalledReceiverFillsItsQueueWithoutBlockingAndEveryAlertIsAccountedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                release.await(30, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        AlertOutputs outputs = AlertOutputs.builder(p -> { }).queueCapacity(1)
                .http(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
        for (int i = 0; i < 8; i++) {
            outputs.sink().accept(alert(i));
        }
        release.countDown();
        outputs.close();
        server.stop(0);
        OutputStats stats = outputs.stats();
        String name = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        long delivered = stats.delivered().getOrDefault(name, 0L);
        long refused = stats.queueFull().getOrDefault(name, 0L);
        assertThat(refused).isGreaterThanOrEqualTo(6);
        assertThat(delivered + refused).isEqualTo(8);
    }

    @Test
    void rateLimitSuppressesAlertsBeyondTheBurstAndCountsThem() {
        List<String> lines = new ArrayList<>();
        java.io.StringWriter out = new java.io.StringWriter();
        AlertOutputs outputs = AlertOutputs.builder(p -> { }).rateLimit(1, 3).writer("stdout", out).build();
        for (int i = 0; i < 8; i++) {
            outputs.sink().accept(alert(i));
        }
        outputs.close();
        lines.addAll(out.toString().lines().toList());
        assertThat(lines).hasSize(3);
        assertThat(outputs.stats().rateLimited()).isEqualTo(5);
        assertThat(outputs.stats().received()).isEqualTo(8);
    }

    private static final String RFC5424 = "<12>1 2016-08-04T16:17:57.881781Z ubuntu bulwark \\d+ syscall - "
            + "16:17:57.881781397: Warning An open was seen \\(command=cat /dev/null\\) #0";

    @Test
    void syslogOverUdpIsRfc5424WithThePriorityAsSeverity() throws Exception {
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
            try (AlertOutputs outputs = AlertOutputs.builder(p -> { })
                    .syslog(URI.create("udp://127.0.0.1:" + port)).build()) {
                outputs.sink().accept(alert(0));
            }
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            receiver.receive(buffer);
            String message = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            assertThat(message).matches(RFC5424);
        }
    }

    @Test
    void syslogOverTcpUsesOctetCountingFrames() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            try (AlertOutputs outputs = AlertOutputs.builder(p -> { })
                    .syslog(URI.create("tcp://127.0.0.1:" + port)).build()) {
                outputs.sink().accept(alert(0));
            }
            try (SocketChannel client = server.accept()) {
                String framed = new String(client.socket().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int space = framed.indexOf(' ');
                int length = Integer.parseInt(framed.substring(0, space));
                String message = framed.substring(space + 1);
                assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(length);
                assertThat(message).matches(RFC5424);
            }
        }
    }

    @Test
    void syslogOverAUnixDatagramSocketLikeDevLog() throws Exception {
        Path socket = Files.createTempDirectory("bw").resolve("log.sock");
        try (Libc libc = new Libc()) {
            int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM, 0);
            try {
                libc.bind(fd, libc.unixAddress(socket.toString()));
                try (AlertOutputs outputs = AlertOutputs.builder(p -> { })
                        .syslog(URI.create("unix://" + socket)).build()) {
                    outputs.sink().accept(alert(0));
                }
                assertThat(libc.pollIn(fd, 10_000)).isTrue();
                MemorySegment buffer = libc.arena().allocate(4096);
                long n = libc.recv(fd, buffer, 4096, 0);
                String message = new String(buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8);
                assertThat(message).matches(RFC5424);
            } finally {
                libc.close(fd);
                Files.deleteIfExists(socket);
            }
        }
    }
}
