package dev.hil.drivers.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A QEMU Machine Protocol client on a unix socket: one JSON object per line each way. After the
 * greeting the client must send {@code qmp_capabilities} before QEMU accepts commands; asynchronous
 * events (RESET, RESUME, ...) may arrive between a command and its reply and are kept aside.
 * Not thread-safe: one command at a time.
 */
public final class QmpClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;
    private final Selector selector;
    private final Duration replyTimeout;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<JsonNode> events = new ArrayList<>();
    private final JsonNode greeting;

    private QmpClient(SocketChannel channel, Selector selector, Duration replyTimeout) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.replyTimeout = replyTimeout;
        this.greeting = readMessage();
        if (!greeting.has("QMP")) {
            throw new IOException("not a QMP greeting: " + greeting);
        }
        execute("qmp_capabilities");
    }

    /**
     * Connects to a listening QMP socket and leaves command mode negotiated.
     *
     * @param replyTimeout how long any single reply may take; QEMU answers in milliseconds, so
     *                     running out means QEMU hangs or died
     */
    public static QmpClient connect(Path socket, Duration replyTimeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector sel = null;
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            sel = Selector.open();
            ch.register(sel, SelectionKey.OP_READ);
            return new QmpClient(ch, sel, replyTimeout);
        } catch (IOException | RuntimeException e) {
            if (sel != null) {
                try {
                    sel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            try {
                ch.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The greeting QEMU sent on connect (carries QEMU's version). */
    public JsonNode greeting() {
        return greeting;
    }

    public JsonNode execute(String command) throws IOException {
        return execute(command, Map.of());
    }

    /**
     * Runs a command and returns its {@code return} value.
     *
     * @throws QmpException when QEMU answers with {@code error}
     */
    public JsonNode execute(String command, Map<String, ?> arguments) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("execute", command);
        if (!arguments.isEmpty()) {
            request.set("arguments", JSON.valueToTree(arguments));
        }
        ByteBuffer out = ByteBuffer.wrap((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                Thread.yield(); // a full socket buffer for a one-line command means QEMU is busy; retry
            }
        }
        while (true) {
            JsonNode reply = readMessage();
            if (reply.has("event")) {
                events.add(reply);
            } else if (reply.has("error")) {
                throw new QmpException(command, reply.get("error"));
            } else if (reply.has("return")) {
                return reply.get("return");
            } else {
                throw new IOException("unexpected QMP message after " + command + ": " + reply);
            }
        }
    }

    /** Asks the machine to reset as if its reset line were pulsed (no guest cooperation). */
    public void systemReset() throws IOException {
        execute("system_reset");
    }

    /** Lets a machine started with {@code -S} run. */
    public void cont() throws IOException {
        execute("cont");
    }

    /** Asks QEMU to exit; the socket closes under the reply, so none is awaited beyond QEMU's ack. */
    public void quit() throws IOException {
        execute("quit");
    }

    /** Events received so far, oldest first, and forgets them. */
    public List<JsonNode> takeEvents() {
        List<JsonNode> out = List.copyOf(events);
        events.clear();
        return out;
    }

    private JsonNode readMessage() throws IOException {
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (true) {
            byte[] have = pending.toByteArray();
            int nl = indexOf(have, (byte) '\n');
            if (nl >= 0) {
                pending.reset();
                pending.write(have, nl + 1, have.length - nl - 1);
                String line = new String(have, 0, nl, StandardCharsets.UTF_8).trim();
                if (!line.isEmpty()) {
                    return JSON.readTree(line);
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("QMP: no reply within " + replyTimeout + " (QEMU hung or gone)");
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
            in.clear();
            int n = channel.read(in);
            if (n < 0) {
                throw new IOException("QMP: QEMU closed the socket");
            }
            pending.write(in.array(), 0, n);
        }
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
