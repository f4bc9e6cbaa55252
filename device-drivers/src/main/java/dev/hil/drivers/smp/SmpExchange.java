package dev.hil.drivers.smp;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.DeviceException.Kind;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.SerialLink;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * One request and its answer over the link, with resends: each try gets a fresh sequence number
 * and only a response with that number, group, command and the matching op is taken; older or
 * unrelated responses are ignored (and noted in the transcript), so a late answer to a retried
 * request cannot be mistaken for the next one. A try's timer starts when the request is handed to
 * the link (a write the link holds back uses the time up).
 */
final class SmpExchange {
    private final SerialLink link;
    private final Duration timeout;
    private final int retries;
    private final SmpFrameDecoder decoder = new SmpFrameDecoder();
    private final byte[] readBuf = new byte[1024];
    private volatile Consumer<String> transcript = line -> { };
    private int nextSeq;

    SmpExchange(SerialLink link, Duration timeout, int retries) {
        this.link = link;
        this.timeout = timeout;
        this.retries = retries;
    }

    void onTranscript(Consumer<String> sink) {
        transcript = sink; // one case at a time owns the transcript; the next case replaces it
    }

    int retries() {
        return retries;
    }

    /** A plain request (no image bytes): {@code op} on group/command with {@code fields}. */
    Map<String, Object> plain(String what, int op, int group, int cmd, Map<String, ?> fields) {
        return send(what, seq -> SmpRequest.plain(SmpPacket.of(op, group, cmd, seq, fields)), false);
    }

    /** Forgets whatever was half-received: it belongs to the device before its restart. */
    void restarted() {
        decoder.reset();
    }

    /**
     * Sends tries of a request until one is answered. Returns the answer's fields, or null when
     * {@code linkDownAnswers} and the link went down after a try was written.
     */
    Map<String, Object> send(String what, IntFunction<SmpRequest> build, boolean linkDownAnswers) {
        int tries = retries + 1;
        for (int attempt = 1; attempt <= tries; attempt++) {
            int seq = nextSeq;
            nextSeq = (nextSeq + 1) & 0xFF;
            SmpRequest out = build.apply(seq);
            note("tx " + SmpRender.packet(out.packet()));
            // The try's timer starts when the request is handed to the link, as a real client's does
            // once its bytes sit in the UART buffer: a link that holds them back (a stall) uses it up.
            long sentAt = System.nanoTime();
            long deadline = sentAt + timeout.toNanos();
            try {
                link.write(out.framed().wire(), out.framed().span());
            } catch (LinkDownException e) {
                decoder.reset();
                note("-- link down while writing " + what + ": " + e.getMessage());
                throw new DeviceException(Kind.LINK_DOWN, "link down while sending " + what + ": " + e.getMessage(), e);
            }
            long writtenIn = System.nanoTime() - sentAt;
            SmpPacket answer;
            try {
                answer = await(out.packet(), what, deadline);
            } catch (LinkDownException e) {
                decoder.reset();
                if (linkDownAnswers) {
                    note("-- link went down after " + what + " was sent: taken as the device restarting");
                    return null;
                }
                note("-- link down waiting for the answer to " + what + ": " + e.getMessage());
                throw new DeviceException(Kind.LINK_DOWN, "link down waiting for the answer to " + what + ": "
                        + e.getMessage(), e);
            }
            if (answer != null) {
                try {
                    Map<String, Object> fields = answer.fields();
                    note("rx " + answer.opName() + " " + answer.commandName() + " seq=" + answer.seq() + " "
                            + SmpRender.fields(fields));
                    return fields;
                } catch (SmpFormatException e) {
                    note("rx " + answer + " (undecodable payload)");
                    throw new DeviceException(Kind.PROTOCOL, "undecodable answer to " + what + ": " + e.getMessage(), e);
                }
            }
            note("-- no answer to " + what + " seq=" + seq + " within " + seconds(timeout)
                    + " (try " + attempt + " of " + tries + ")" + (writtenIn >= timeout.toNanos()
                    ? String.format("; the write itself took %.0f ms", writtenIn / 1e6) : ""));
        }
        throw new DeviceException(Kind.TIMEOUT, "no answer to " + what + " after " + tries + " tries of "
                + seconds(timeout));
    }

    /** The matching response, or null when {@code deadline} ({@link System#nanoTime()}) passes. */
    private SmpPacket await(SmpPacket req, String what, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            int n = link.read(readBuf, Duration.ofNanos(left));
            if (n <= 0) {
                continue;
            }
            for (SmpDecoded d : decoder.feed(readBuf, 0, n)) {
                if (d instanceof SmpDecoded.Failure f) {
                    note("rx undecodable: " + f.reason());
                    throw new DeviceException(Kind.PROTOCOL, "undecodable answer to " + what + ": " + f.reason());
                }
                SmpPacket p = ((SmpDecoded.Packet) d).packet();
                if (p.seq() == req.seq() && p.group() == req.group() && p.cmd() == req.cmd()
                        && p.op() == (req.op() | 1)) {
                    return p;
                }
                note("rx ignored (not the answer to seq=" + req.seq() + "): " + p.opName() + " "
                        + p.commandName() + " seq=" + p.seq());
            }
        }
    }

    private void note(String line) {
        transcript.accept(line);
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
    }
}
