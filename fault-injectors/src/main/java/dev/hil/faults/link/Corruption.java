package dev.hil.faults.link;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.link.SerialLink;
import java.util.OptionalLong;

/**
 * Damages host→device wire bytes right at the trigger point: flips one seeded bit in each of the
 * next N bytes ({@code bits: N}) or replaces each of the next N bytes with a seeded different
 * value ({@code bytes: N}). Every change (wire offset, bit, old and new value) goes on the
 * timeline, and the same seed gives byte-identical damage. The damage is done within the writes
 * that follow the trigger; nothing lasts to wait for.
 */
public final class Corruption extends LinkFilterFault {
    /** What is damaged: single bits or whole bytes. */
    public enum Unit { BITS, BYTES }

    private final Unit unit;
    private final int count;
    private int left;

    public Corruption(Trigger trigger, Unit unit, int count, OptionalLong seed) {
        super("corrupt", trigger, seed);
        this.unit = unit;
        this.count = count;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        SerialLink link = capture(context);
        synchronized (this) {
            left = count;
        }
        inEffect("damaging the next " + count + " host→device wire bytes ("
                + (unit == Unit.BITS ? "one bit flipped in each" : "each replaced") + ", seed " + seed() + ")");
        link.addFilter(this);
    }

    @Override
    public synchronized byte[] outgoing(byte[] wire, Wire position) {
        if (left == 0 || wire.length == 0) {
            return wire;
        }
        byte[] out = wire.clone();
        int n = Math.min(left, out.length);
        for (int i = 0; i < n; i++) {
            int old = out[i] & 0xFF;
            String how;
            if (unit == Unit.BITS) {
                int bit = random().nextInt(8);
                out[i] = (byte) (old ^ (1 << bit));
                how = "bit " + bit + " flipped";
            } else {
                out[i] = (byte) (old ^ (1 + random().nextInt(255))); // never the old value
                how = "replaced";
            }
            String change = String.format("wire byte %d (%d image bytes written): %s 0x%02x→0x%02x",
                    position.wireOffset() + i, position.imageBytes(), how, old, out[i] & 0xFF);
            note(change);
        }
        left -= n;
        if (left == 0) {
            link().removeFilter(this);
        }
        return out;
    }
}
