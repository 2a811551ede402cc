package dev.bulwark.runtime.output;

import dev.bulwark.runtime.Alert;
import dev.bulwark.runtime.AlertFormat;
import dev.bulwark.runtime.sys.Libc;
import dev.bulwark.runtime.sys.NativeException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Alerts as RFC 5424 syslog messages over UDP ({@code udp://host:514}, one message per datagram, RFC 5426), TCP
 * ({@code tcp://host:601}, octet-counting framing of RFC 6587) or a local unix socket ({@code unix:///dev/log}: a
 * datagram socket through {@link Libc}, or a stream socket with newline framing when the path is one). A broken TCP
 * or stream connection is reopened on the next alert. Not thread-safe: use it from one thread.
 */
public final class SyslogOutput implements Output {

    /** Longest message sent in one datagram; longer texts are cut. */
    static final int MAX_DATAGRAM = 65_000;

    private final URI target;
    private final AlertFormat format;
    private final long pid = ProcessHandle.current().pid();
    private DatagramChannel udp;
    private SocketChannel stream;
    private Libc libc;
    private int unixFd = -1;
    private MemorySegment sendBuffer;

    public SyslogOutput(URI target, AlertFormat format) {
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equals("udp") || scheme.equals("tcp") || scheme.equals("unix"))) {
            throw new IllegalArgumentException("syslog target must be udp://HOST:PORT, tcp://HOST:PORT or "
                    + "unix:///PATH, got " + target);
        }
        if (!scheme.equals("unix") && (target.getHost() == null || target.getPort() < 0)) {
            throw new IllegalArgumentException("syslog target needs a host and a port: " + target);
        }
        this.target = target;
        this.format = format;
    }

    @Override
    public String name() {
        return "syslog:" + target;
    }

    @Override
    public void write(Alert alert) throws IOException {
        byte[] message = SyslogMessage.format(alert, format.format(alert), pid).getBytes(StandardCharsets.UTF_8);
        switch (target.getScheme()) {
            case "udp" -> sendUdp(message);
            case "tcp" -> sendStream(frame(message), () -> SocketChannel.open(
                    new InetSocketAddress(target.getHost(), target.getPort())));
            default -> sendUnix(message);
        }
    }

    private void sendUdp(byte[] message) throws IOException {
        if (udp == null) {
            udp = DatagramChannel.open();
            udp.connect(new InetSocketAddress(target.getHost(), target.getPort()));
        }
        udp.write(ByteBuffer.wrap(message, 0, Math.min(message.length, MAX_DATAGRAM)));
    }

    /** RFC 6587 octet counting: {@code LENGTH SP MESSAGE}. */
    private static byte[] frame(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(message, 0, out, prefix.length, message.length);
        return out;
    }

    @FunctionalInterface
    private interface Opener {
        SocketChannel open() throws IOException;
    }

    private void sendStream(byte[] bytes, Opener opener) throws IOException {
        if (stream == null) {
            stream = opener.open();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                stream.write(buffer);
            }
        } catch (IOException e) {
            stream.close();
            stream = null;
            throw e;
        }
    }

    private void sendUnix(byte[] message) throws IOException {
        if (stream != null) {
            byte[] line = new byte[message.length + 1];
            System.arraycopy(message, 0, line, 0, message.length);
            line[message.length] = '\n';
            sendStream(line, () -> SocketChannel.open(UnixDomainSocketAddress.of(target.getPath())));
            return;
        }
        if (libc == null) {
            libc = new Libc();
        }
        try {
            if (unixFd < 0) {
                int fd = libc.socket(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
                try {
                    libc.connect(fd, libc.unixAddress(target.getPath()));
                } catch (NativeException e) {
                    libc.close(fd);
                    if (e.errno() == Libc.EPROTOTYPE) {
                        stream = SocketChannel.open(StandardProtocolFamily.UNIX);
                        stream.connect(UnixDomainSocketAddress.of(target.getPath()));
                        sendUnix(message);
                        return;
                    }
                    throw e;
                }
                unixFd = fd;
            }
            int length = Math.min(message.length, MAX_DATAGRAM);
            if (sendBuffer == null) {
                sendBuffer = libc.arena().allocate(MAX_DATAGRAM);
            }
            MemorySegment.copy(message, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, length);
            libc.send(unixFd, sendBuffer, length);
        } catch (NativeException e) {
            if (unixFd >= 0) {
                libc.close(unixFd);
                unixFd = -1;
            }
            throw new IOException(target.getPath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (stream != null) {
            stream.close();
        }
        if (libc != null) {
            if (unixFd >= 0) {
                libc.close(unixFd);
            }
            libc.close();
        }
    }
}
