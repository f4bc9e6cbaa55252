package dev.hil.core.fault;

import dev.hil.core.rig.Rig;
import dev.hil.core.timeline.Timeline;
import java.util.concurrent.ScheduledExecutorService;

/** What faults and triggers may touch while a scenario runs. */
public interface FaultContext {
    Rig rig();

    Timeline timeline();

    /** For the later parts of a fault (power back on after off-for); also used by time triggers. */
    ScheduledExecutorService scheduler();

    /** Monotonic nanos when the update (the "when" part) started; time triggers count from it. */
    long updateStartNanos();

    /** Size in bytes of the image the update sends; percentage triggers count against it. */
    long updateImageBytes();

    /** The scenario's seed, for seeded faults. */
    long seed();
}
