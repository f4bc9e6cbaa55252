package dev.hil.faults.link;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkFilter;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A slow link: every host→device write from the trigger on is held {@code ms} plus a seeded
 * jitter in [0, jitter] before it reaches the port (the writer blocks, as on a congested USB-UART).
 */
public final class LinkDelay implements Fault, LinkFilter {
    private final Trigger trigger;
    private final Duration fixed;
    private final Duration jitter;
    private final OptionalLong ownSeed;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile FaultContext context;
    private volatile SerialLink link;
    private Random random;

    public LinkDelay(Trigger trigger, Duration fixed, Duration jitter, OptionalLong seed) {
        this.trigger = trigger;
        this.fixed = fixed;
        this.jitter = jitter;
        this.ownSeed = seed;
    }

    @Override
    public String kind() {
        return "delay";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public boolean interruptsUpdate() {
        return false;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        this.context = context;
        this.link = context.rig().link();
        long seed = ownSeed.orElse(context.seed());
        synchronized (this) {
            random = new Random(seed);
        }
        context.timeline().record("delay", String.format("every host→device write held %.3f ms + jitter 0..%.3f ms"
                + " (seed %d) from now on", fixed.toNanos() / 1e6, jitter.toNanos() / 1e6, seed));
        link.addFilter(this);
    }

    /** The hold for the next write: fixed part plus a seeded jitter, in microseconds steps. */
    synchronized long nextHoldNanos() {
        long jitterMicros = jitter.toNanos() / 1000;
        long extra = jitterMicros == 0 ? 0 : random.nextLong(jitterMicros + 1) * 1000;
        return fixed.toNanos() + extra;
    }

    @Override
    public byte[] outgoing(byte[] wire, Wire position) {
        if (wire.length == 0 || released.getCount() == 0) {
            return wire;
        }
        long hold = nextHoldNanos();
        context.timeline().record("delay", String.format("write of %d bytes at wire byte %d (%d image bytes written)"
                + " held %.3f ms", wire.length, position.wireOffset(), position.imageBytes(), hold / 1e6));
        try {
            released.await(hold, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return wire;
    }

    /**
     * A slow link is a condition the device and client must work through, not an outage to wait
     * out: it stays until the scenario ends, so it never holds the runner's recovery back.
     */
    @Override
    public boolean active() {
        return false;
    }

    @Override
    public void release(FaultContext context) {
        released.countDown();
        SerialLink l = link;
        if (l != null) {
            l.removeFilter(this);
        }
    }
}
