package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.scenario.Quantities;
import java.math.BigDecimal;
import java.util.Random;

/**
 * Fires at an image byte drawn from {@code [from, to]} with the scenario seed: the same seed picks
 * the same byte, so a failing random point can be replayed with {@code --seed}.
 */
public final class RandomImageByte extends AtImageByte {
    /** Keeps this draw apart from other seeded choices made from the same scenario seed. */
    private static final long SALT = 0x5eed_b17e_0ff5_e7L;

    private final Bound from;
    private final Bound to;
    private volatile long chosen = -1;
    private volatile long seed;

    /** A range end: a percentage of the image or a byte count. */
    public record Bound(BigDecimal percent, long bytes) {
        long resolve(long size) {
            return percent != null ? Quantities.bytesAt(percent, size) : bytes;
        }

        @Override
        public String toString() {
            return percent != null ? percent.stripTrailingZeros().toPlainString() + "%" : bytes + " B";
        }
    }

    public RandomImageByte(Bound from, Bound to) {
        super(0, "random");
        if ((from.percent() == null) != (to.percent() == null)) {
            throw new IllegalArgumentException("random: 'from' and 'to' must both be percentages or both byte counts");
        }
        if (from.resolve(1_000_000) > to.resolve(1_000_000)) {
            throw new IllegalArgumentException("random: 'from' (" + from + ") is above 'to' (" + to + ")");
        }
        this.from = from;
        this.to = to;
    }

    /** The byte the seed picks for an image of {@code size} bytes. */
    public static long pick(long seed, long lo, long hi) {
        Random r = new Random(seed ^ SALT);
        return lo + Math.floorMod(r.nextLong(), hi - lo + 1);
    }

    @Override
    protected long boundaryFor(FaultContext context) {
        long size = context.updateImageBytes();
        long lo = from.resolve(size);
        long hi = to.resolve(size);
        if (hi > size) {
            throw new IllegalArgumentException("random: 'to' (" + to + ") is past the end of the " + size
                    + "-byte update image");
        }
        seed = context.seed();
        chosen = pick(seed, lo, hi);
        return chosen;
    }

    @Override
    public String describe() {
        String range = "random " + from + ".." + to;
        return chosen < 0 ? range : range + " (seed " + seed + " picked byte " + chosen + ")";
    }
}
