package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkTap;
import dev.hil.core.link.SerialLink;

/**
 * Fires after exactly {@code n} image bytes have left the host and before byte n+1 does: the
 * link splits its write at that boundary and calls us in between.
 *
 * <p>Armed again in the same transfer after it fired (by {@code nth}), or armed when this
 * transfer is already past the byte, it waits for the next transfer: an occurrence of "byte N" is
 * one upload attempt sending it, not a retransmitted chunk.
 */
public class AtImageByte implements Trigger, LinkTap {
    private final long n;
    private final String description;
    private volatile long boundary = -1;
    private volatile long target = -1;
    private volatile boolean firedThisTransfer;
    private volatile Firing firing;
    private volatile SerialLink link;

    public AtImageByte(long n) {
        this(n, "bytes " + n);
    }

    protected AtImageByte(long n, String description) {
        if (n < 0) {
            throw new IllegalArgumentException("byte offset " + n + " is negative");
        }
        this.n = n;
        this.description = description;
    }

    /** The image byte count this trigger fires at, given the update image size. */
    protected long boundaryFor(FaultContext context) {
        if (n > context.updateImageBytes()) {
            throw new IllegalArgumentException("byte offset " + n + " is past the end of the "
                    + context.updateImageBytes() + "-byte update image");
        }
        return n;
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        this.firing = fire;
        this.link = context.rig().link();
        long t = boundaryFor(context);
        this.target = t;
        boolean passed = firedThisTransfer || link.imageBytesWritten() > t;
        this.boundary = passed ? -1 : t;
        link.addTap(this);
    }

    @Override
    public long imageBoundary() {
        return boundary;
    }

    @Override
    public void onImageStart(long totalBytes) {
        firedThisTransfer = false;
        if (firing != null) {
            boundary = target;
        }
    }

    @Override
    public void atImageBoundary(long imageBytes, long wireBytes) {
        Firing f = firing;
        boundary = -1;
        firing = null;
        firedThisTransfer = true;
        if (f != null) {
            f.fire("image byte " + imageBytes + " of " + link.imageBytesTotal()
                    + " written (" + wireBytes + " wire bytes of this frame)");
        }
    }

    @Override
    public void disarm() {
        boundary = -1;
        firing = null;
        SerialLink l = link;
        if (l != null) {
            l.removeTap(this);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
