package dev.hil.scenarios.bench;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.rig.Rig;
import dev.hil.core.timeline.Timeline;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a real fault touches when the bench arms it, as the runner's case gives it: the rig, a
 * timeline, the scheduler for the fault's later parts (power back after off-for), the update's
 * start and image size. For the latency figure it also stamps the instant the injected fault
 * reaches for the rig after firing, which for a power cut is the call of {@code power().off()}.
 */
final class BenchFaultContext implements FaultContext {
    private final Rig rig;
    private final ScheduledExecutorService scheduler;
    private final long imageBytes;
    private final long seed;
    private final Timeline timeline = new Timeline();
    private final long updateStart = timeline.now();
    private volatile long firedNanos;
    private volatile long switchNanos;
    private volatile long returnedNanos;

    BenchFaultContext(Rig rig, ScheduledExecutorService scheduler, long imageBytes, long seed) {
        this.rig = rig;
        this.scheduler = scheduler;
        this.imageBytes = imageBytes;
        this.seed = seed;
    }

    /** The trigger's firing callback was entered. */
    void fired() {
        firedNanos = System.nanoTime();
    }

    /** The fault's inject returned to the firing callback. */
    void injected() {
        returnedNanos = System.nanoTime();
    }

    long firedNanos() {
        return firedNanos;
    }

    long switchNanos() {
        return switchNanos;
    }

    long returnedNanos() {
        return returnedNanos;
    }

    @Override
    public Rig rig() {
        if (firedNanos != 0 && switchNanos == 0) {
            switchNanos = System.nanoTime();
        }
        return rig;
    }

    @Override
    public Timeline timeline() {
        return timeline;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public long updateStartNanos() {
        return updateStart;
    }

    @Override
    public long updateImageBytes() {
        return imageBytes;
    }

    @Override
    public long seed() {
        return seed;
    }
}
