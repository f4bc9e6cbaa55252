package dev.hil.drivers.serial;

/**
 * Time as a {@link PacedPump} sees it. Injected so that pacing can be checked against a fake clock
 * instead of a wall clock that a busy CI machine makes unreliable.
 */
public interface PaceClock {
    long nanoTime();

    /** Sleeps until {@link #nanoTime()} has reached {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;

    PaceClock SYSTEM = new PaceClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    };
}
