package dev.hil.drivers.ymodem;

import dev.hil.core.link.SerialLink;
import java.time.Duration;

/**
 * Byte-at-a-time reading from a {@link SerialLink} with deadlines. Reads in fixed slices: a port
 * reconfigures its timeout (a tcsetattr) whenever the value changes, and a fixed slice also lets a
 * {@code cancel()} from another thread take effect within one slice.
 */
final class LinkInput {
    private static final Duration SLICE = Duration.ofMillis(50);

    private final SerialLink link;
    private final Runnable checkpoint;
    private final byte[] buf = new byte[4096];
    private int pos;
    private int end;

    /** {@code checkpoint} runs before each wait and throws to stop the transfer (a local cancel). */
    LinkInput(SerialLink link, Runnable checkpoint) {
        this.link = link;
        this.checkpoint = checkpoint;
    }

    /** The next byte (0..255), or -1 if none arrived within {@code timeout}. */
    int next(Duration timeout) {
        if (pos < end) {
            return buf[pos++] & 0xFF;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            checkpoint.run();
            int n = link.read(buf, SLICE);
            if (n > 0) {
                pos = 1;
                end = n;
                return buf[0] & 0xFF;
            }
        } while (System.nanoTime() - deadline < 0);
        return -1;
    }

    /** Fills {@code dst[off..off+len)}, waiting at most {@code perByte} for each byte; false if the line went quiet. */
    boolean readFully(byte[] dst, int off, int len, Duration perByte) {
        int done = 0;
        while (done < len) {
            if (pos < end) {
                int take = Math.min(end - pos, len - done);
                System.arraycopy(buf, pos, dst, off + done, take);
                pos += take;
                done += take;
            } else {
                int b = next(perByte);
                if (b < 0) {
                    return false;
                }
                dst[off + done++] = (byte) b;
            }
        }
        return true;
    }

    /** Throws away input until nothing arrived for {@code quiet}: the rest of a broken block. */
    void drainUntilQuiet(Duration quiet) {
        pos = end;
        while (next(quiet) >= 0) {
            pos = end;
        }
    }
}
