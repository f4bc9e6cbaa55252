package dev.hil.faults.link;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkFilter;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The host stops sending for {@code for}: a write in progress pauses right at the trigger point
 * (mid-frame for a byte trigger) and any write in the window waits until it closes. Nothing is
 * lost; the device sees a frame that arrives in two parts far apart.
 */
public final class Stall implements Fault, LinkFilter {
    private final Trigger trigger;
    private final Duration length;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile FaultContext context;
    private volatile SerialLink link;
    private volatile long endsAt;
    private volatile boolean active;

    public Stall(Trigger trigger, Duration length) {
        this.trigger = trigger;
        this.length = length;
    }

    @Override
    public String kind() {
        return "stall";
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
        endsAt = System.nanoTime() + length.toNanos();
        active = true;
        context.timeline().record("stall", "host→device writes held for " + length.toMillis() + " ms from "
                + link.imageBytesWritten() + " image bytes written");
        link.addFilter(this);
        context.scheduler().schedule(this::end, length.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public byte[] outgoing(byte[] wire, Wire position) {
        long left = endsAt - System.nanoTime();
        if (left <= 0 || released.getCount() == 0) {
            return wire;
        }
        context.timeline().record("stall", String.format("writer held at wire byte %d (%d image bytes written)"
                + " for the remaining %.3f ms", position.wireOffset(), position.imageBytes(), left / 1e6));
        try {
            released.await(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.timeline().record("stall", "writer resumed at wire byte " + position.wireOffset());
        return wire;
    }

    private void end() {
        link.removeFilter(this);
        active = false;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void release(FaultContext context) {
        released.countDown();
        if (link != null) {
            end();
        }
    }
}
