package dev.hil.refdevice;

/**
 * How far a swap got: {@code done} of {@link #total()} units. Units 1..3·sectors are the three
 * copies per sector (secondary→scratch, primary→secondary, scratch→primary), then the primary
 * trailer is written, then the secondary trailer is erased.
 */
public record SwapProgress(SwapType type, int sectors, int done) {
    public static int totalFor(int sectors) {
        return 3 * sectors + 2;
    }

    public int total() {
        return totalFor(sectors);
    }

    public boolean finished() {
        return done >= total();
    }

    public SwapProgress next() {
        return new SwapProgress(type, sectors, done + 1);
    }
}
