package dev.hil.faults.power;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the supply at the trigger's instant (synchronously, on the firing thread, so nothing more
 * reaches the device) and restores it {@code off-for} later.
 */
public final class PowerCut implements Fault {
    private final Trigger trigger;
    private final Duration offFor;
    private volatile boolean active;
    private volatile ScheduledFuture<?> restore;
    private volatile String rigFailure;

    public PowerCut(Trigger trigger, Duration offFor) {
        this.trigger = trigger;
        this.offFor = offFor;
    }

    @Override
    public String kind() {
        return "power-cut";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    public Duration offFor() {
        return offFor;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        active = true;
        long fired = context.timeline().now();
        context.rig().power().off();
        long off = context.timeline().now();
        context.timeline().record(new TimelineEvent.PowerChanged(false, String.format(
                "power-cut (trigger: %s; %s); actuated in %.3f ms", trigger.describe(), observed, (off - fired) / 1e6)));
        restore = context.scheduler().schedule(() -> powerBack(context), offFor.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A power-on that fails (the rig's port never came back) ends the fault too, as a rig failure. */
    private void powerBack(FaultContext context) {
        try {
            context.rig().power().on();
            context.timeline().record(new TimelineEvent.PowerChanged(true, "power-cut over after " + offFor.toMillis() + " ms off"));
        } catch (RuntimeException e) {
            rigFailure = "power back on after the cut: " + e.getMessage();
            context.timeline().record(new TimelineEvent.PowerSwitchFailed(true, e.getMessage()));
        } finally {
            active = false;
        }
    }

    @Override
    public java.util.Optional<String> rigFailure() {
        return java.util.Optional.ofNullable(rigFailure);
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void release(FaultContext context) {
        ScheduledFuture<?> r = restore;
        if (r != null && r.cancel(false)) {
            active = false;
        }
    }

    @Override
    public String toString() {
        return "power-cut at " + trigger.describe() + " off for " + offFor.toMillis() + " ms";
    }
}
