package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The host stops sending for {@code for}: a write in progress pauses right at the trigger point
 * (mid-frame for a byte trigger) and any write in the window waits until it closes. Nothing is
 * lost; the device sees a frame that arrives in two parts far apart.
 */
public final class Stall extends LinkFilterFault {
    private final Duration length;
    private volatile long endsAt;

    public Stall(Trigger trigger, Duration length) {
        super("stall", trigger);
        this.length = length;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        endsAt = System.nanoTime() + length.toNanos();
        active(true);
        inEffect("host→device writes held for " + length.toMillis() + " ms from "
                + link.imageBytesWritten() + " image bytes written");
        link.addFilter(this);
        context.scheduler().schedule(this::end, length.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public byte[] outgoing(byte[] wire, Wire position) {
        long left = endsAt - System.nanoTime();
        if (left <= 0 || released()) {
            return wire;
        }
        note(String.format("writer held at wire byte %d (%d image bytes written)"
                + " for the remaining %.3f ms", position.wireOffset(), position.imageBytes(), left / 1e6));
        holdWriter(left);
        over("writer resumed at wire byte " + position.wireOffset());
        return wire;
    }

    private void end() {
        link().removeFilter(this);
        active(false);
    }

    @Override
    public void release(FaultContext context) {
        super.release(context); // lets the writer go and takes the filter off
        active(false);
    }
}
