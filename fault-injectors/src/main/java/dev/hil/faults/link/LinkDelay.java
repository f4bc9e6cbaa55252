package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A slow link: every host→device write from the trigger on is held {@code ms} plus a seeded
 * jitter in [0, jitter] before it reaches the port (the writer blocks, as on a congested USB-UART).
 * A slow link is a condition the device and client must work through, not an outage to wait out:
 * it stays until the scenario ends and is never active, so it never holds the runner's recovery back.
 */
public final class LinkDelay extends LinkFilterFault {
    private final Duration fixed;
    private final Duration jitter;

    public LinkDelay(Trigger trigger, Duration fixed, Duration jitter, OptionalLong seed) {
        super("delay", trigger, seed);
        this.fixed = fixed;
        this.jitter = jitter;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        inEffect(String.format("every host→device write held %.3f ms + jitter 0..%.3f ms"
                + " (seed %d) from now on", fixed.toNanos() / 1e6, jitter.toNanos() / 1e6, seed()));
        link.addFilter(this);
    }

    /** The hold for the next write: fixed part plus a seeded jitter, in microseconds steps. */
    synchronized long nextHoldNanos() {
        long jitterMicros = jitter.toNanos() / 1000;
        long extra = jitterMicros == 0 ? 0 : random().nextLong(jitterMicros + 1) * 1000;
        return fixed.toNanos() + extra;
    }

    @Override
    public byte[] outgoing(byte[] wire, Wire position) {
        if (wire.length == 0 || released()) {
            return wire;
        }
        long hold = nextHoldNanos();
        note(String.format("write of %d bytes at wire byte %d (%d image bytes written)"
                + " held %.3f ms", wire.length, position.wireOffset(), position.imageBytes(), hold / 1e6));
        holdWriter(hold);
        return wire;
    }
}
