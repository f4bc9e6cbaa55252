package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.LinkTap;
import dev.hil.core.link.SerialLink;

/**
 * The upload stops at the trigger point: from there every host→device byte is dropped, so the
 * device holds a truncated image and the client's tries of the next request go unanswered until
 * it gives that attempt up. The link comes back when the client starts its next upload attempt
 * ({@link LinkTap#onImageStart}), so the retry shows whether the device resumes or restarts the
 * upload correctly and never treats the partial image as complete.
 *
 * <p>The silence ends when the client tries again, which the runner lets it do only once no
 * fault is active; so the truncation never counts as active (a runner callback "this attempt
 * failed" would let it report the silence honestly).
 */
public final class Truncation extends LinkFilterFault implements LinkTap {
    private volatile boolean silent;
    private long imageBytesAtCut = -1;
    private long droppedBytes;
    private int droppedWrites;

    public Truncation(Trigger trigger) {
        super("truncate", trigger);
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        synchronized (this) {
            imageBytesAtCut = link.imageBytesWritten();
        }
        silent = true;
        inEffect("upload cut after image byte " + imageBytesAtCut + " of "
                + link.imageBytesTotal() + ": host→device silent until the client starts its next attempt");
        link.addTap(this);
        link.addFilter(this);
    }

    @Override
    public synchronized byte[] outgoing(byte[] wire, Wire position) {
        if (!silent) {
            return wire;
        }
        droppedBytes += wire.length;
        droppedWrites++;
        return new byte[0];
    }

    @Override
    public void onImageStart(long totalBytes) {
        if (!silent) {
            return;
        }
        silent = false;
        synchronized (this) {
            over("client started a new upload attempt: link restored after "
                    + droppedBytes + " host→device bytes in " + droppedWrites + " writes were dropped"
                    + " (cut after image byte " + imageBytesAtCut + ")");
        }
        link().removeFilter(this);
        link().removeTap(this);
    }

    /** Whether host→device bytes are being dropped now. */
    public boolean silent() {
        return silent;
    }

    @Override
    public void release(FaultContext context) {
        silent = false;
        SerialLink l = link();
        if (l != null) {
            l.removeFilter(this);
            l.removeTap(this);
        }
    }
}
