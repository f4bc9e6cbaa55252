package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bytes vanish on the link, as on a loose connector: either everything crossing in the chosen
 * direction(s) for a time, or the next N bytes each way. The device and the client each see a
 * gap, not an error; SMP's length and CRC make the damaged request fail and the client retries.
 *
 * <p>A timed drop is active for its window. A drop counted in bytes ends only when traffic
 * crosses, and only the update client makes traffic: reporting it active would make the runner
 * wait for the client that is waiting for the link.
 */
public final class LinkDrop extends LinkFilterFault {
    private final Duration window;   // null when counted in bytes
    private final int bytes;
    private final Direction direction;
    private volatile boolean dropping;
    private volatile ScheduledFuture<?> end;
    private long outLeft;
    private long inLeft;
    private long droppedOut;
    private long droppedIn;
    private long firstWire = -1;

    private LinkDrop(Trigger trigger, Duration window, int bytes, Direction direction) {
        super("link-drop", trigger);
        this.window = window;
        this.bytes = bytes;
        this.direction = direction;
    }

    public static LinkDrop forTime(Trigger trigger, Duration window, Direction direction) {
        return new LinkDrop(trigger, window, 0, direction);
    }

    public static LinkDrop forBytes(Trigger trigger, int bytes, Direction direction) {
        return new LinkDrop(trigger, null, bytes, direction);
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        synchronized (this) {
            outLeft = direction.outgoing() ? bytes : 0;
            inLeft = direction.incoming() ? bytes : 0;
        }
        dropping = true;
        active(window != null);
        link.addFilter(this);
        inEffect("dropping " + direction.yamlName() + " bytes "
                + (window != null ? "for " + window.toMillis() + " ms"
                : "(the next " + bytes + (direction == Direction.BOTH ? " each way)" : ")"))
                + " from " + link.imageBytesWritten() + " image bytes written");
        if (window != null) {
            end = context.scheduler().schedule(this::restore, window.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public byte[] outgoing(byte[] wire, Wire position) {
        if (!dropping || !direction.outgoing()) {
            return wire;
        }
        synchronized (this) {
            int n = window != null ? wire.length : (int) Math.min(outLeft, wire.length);
            if (n == 0) {
                return wire;
            }
            if (firstWire < 0) {
                firstWire = position.wireOffset();
                note("first host→device byte dropped: wire byte " + firstWire
                        + " (" + position.imageBytes() + " image bytes written)");
            }
            droppedOut += n;
            if (window == null) {
                outLeft -= n;
                finishIfCounted();
            }
            return Arrays.copyOfRange(wire, n, wire.length);
        }
    }

    @Override
    public byte[] incoming(byte[] data) {
        if (!dropping || !direction.incoming()) {
            return data;
        }
        synchronized (this) {
            int n = window != null ? data.length : (int) Math.min(inLeft, data.length);
            droppedIn += n;
            if (window == null) {
                inLeft -= n;
                finishIfCounted();
            }
            return Arrays.copyOfRange(data, n, data.length);
        }
    }

    private void finishIfCounted() {
        if (outLeft == 0 && inLeft == 0) {
            dropping = false;
            link().removeFilter(this);
            over("link whole again: dropped " + droppedOut
                    + " host→device bytes from wire byte " + firstWire + " and " + droppedIn + " device→host bytes");
        }
    }

    private void restore() {
        dropping = false;
        link().removeFilter(this);
        synchronized (this) {
            over("link restored after " + window.toMillis() + " ms: dropped "
                    + droppedOut + " host→device bytes" + (firstWire >= 0 ? " from wire byte " + firstWire : "")
                    + " and " + droppedIn + " device→host bytes");
        }
        active(false);
    }

    @Override
    public void release(FaultContext context) {
        ScheduledFuture<?> e = end;
        if (e != null && e.cancel(false)) {
            restore();
        }
        if (dropping) {
            dropping = false;
            link().removeFilter(this);
        }
    }
}
