package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.io.ByteArrayOutputStream;

/**
 * Sends the host→device frame that was being written when the trigger fired a second time,
 * right after its end. A frame is one line of the console transport (SMP serial frames and
 * U-Boot commands both end in '\n'); between frames, the next frame is the one repeated.
 * The filter watches from arming, so it holds the part of the frame written before the trigger.
 * The repeat goes out with the frame's own end; nothing lasts to wait for.
 */
public final class DuplicateFrame extends LinkFilterFault {
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private boolean pending;
    private boolean done;
    private long frameStartWire = -1;
    private long imageBytesAtTrigger;

    public DuplicateFrame(Trigger trigger) {
        super("duplicate", trigger, true); // watches from arming
    }

    @Override
    synchronized void unwatch() {
        SerialLink l = link();
        if (l != null && !pending) { // a repeat still due goes out with its frame's end; release() clears it
            l.removeFilter(this);
        }
    }

    @Override
    public synchronized void inject(FaultContext context, String observed) {
        pending = true;
        imageBytesAtTrigger = context.rig().link().imageBytesWritten();
    }

    @Override
    public synchronized byte[] outgoing(byte[] wire, Wire position) {
        if (done) {
            return wire;
        }
        ByteArrayOutputStream out = null;
        for (int i = 0; i < wire.length; i++) {
            if (frameStartWire < 0) {
                frameStartWire = position.wireOffset() + i;
            }
            frame.write(wire[i]);
            if (wire[i] != '\n') {
                continue;
            }
            if (pending) {
                byte[] copy = frame.toByteArray();
                out = new ByteArrayOutputStream(wire.length + copy.length);
                out.write(wire, 0, i + 1);
                out.write(copy, 0, copy.length);
                out.write(wire, i + 1, wire.length - i - 1);
                note("frame of " + copy.length + " bytes (wire bytes "
                        + frameStartWire + ".." + (position.wireOffset() + i) + ", in progress after image byte "
                        + imageBytesAtTrigger + ") sent again right after it");
                pending = false;
                done = true;
                link().removeFilter(this);
                break;
            }
            frame.reset();
            frameStartWire = -1;
        }
        return out == null ? wire : out.toByteArray();
    }
}
