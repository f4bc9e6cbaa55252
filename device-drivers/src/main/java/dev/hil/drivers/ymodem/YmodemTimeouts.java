package dev.hil.drivers.ymodem;

import java.time.Duration;

/**
 * How long each YMODEM step may take. Per step rather than per transfer, because a 1 MiB image at
 * 9600 baud legitimately takes twenty minutes while a silent peer should be noticed in seconds.
 *
 * @param start     waiting for the other side to begin (sender: the first 'C'; receiver: the first header)
 * @param poll      receiver: how often it repeats 'C' while waiting to start
 * @param reply     waiting for an ACK/NAK after a block, or for the next block after an ACK
 * @param character waiting for the next byte inside a block (also how long a line must be quiet
 *                  before a NAK, so the rest of a broken block is not mistaken for a new one)
 * @param retries   tries per block (NAKs and timeouts together) before giving up
 */
public record YmodemTimeouts(Duration start, Duration poll, Duration reply, Duration character, int retries) {
    /** The classic XMODEM/YMODEM figures: 60 s to start, 'C' every 3 s, 10 s per reply, 1 s per byte, 10 tries. */
    public static final YmodemTimeouts DEFAULTS = new YmodemTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(3),
            Duration.ofSeconds(10), Duration.ofSeconds(1), 10);

    public YmodemTimeouts {
        for (Duration d : new Duration[] {start, poll, reply, character}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("YMODEM timeouts must be positive: " + d);
            }
        }
        if (retries < 1) {
            throw new IllegalArgumentException("retries must be >= 1, got " + retries);
        }
    }

    public YmodemTimeouts withReply(Duration reply) {
        return new YmodemTimeouts(start, poll, reply, character, retries);
    }

    public YmodemTimeouts withStart(Duration start) {
        return new YmodemTimeouts(start, poll, reply, character, retries);
    }

    public YmodemTimeouts withPoll(Duration poll) {
        return new YmodemTimeouts(start, poll, reply, character, retries);
    }

    /** "60 s", "1.5 s": how the figures appear in failure messages. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }
}
