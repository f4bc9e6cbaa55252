package dev.hil.faults.power;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.faults.trigger.PreparedTrigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Short supply dips: power off for {@code off-for} (shorter than the rig's boot budget, checked
 * when armed), the first dip at the trigger's instant, then {@code repeat - 1} more, each
 * {@code every} after the previous one began, like a sagging supply resetting the board again
 * while it boots.
 */
public final class Brownout implements Fault {
    private final Trigger trigger;
    private final Duration offFor;
    private final int repeat;
    private final Duration every;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();
    private volatile String rigFailure;
    private volatile boolean active;
    private int restored;

    public Brownout(Trigger trigger, Duration offFor, int repeat, Duration every) {
        this.trigger = new PreparedTrigger(trigger, this::checkBudget, () -> { });
        this.offFor = offFor;
        this.repeat = repeat;
        this.every = every;
    }

    private void checkBudget(FaultContext context) {
        if (offFor.compareTo(context.rig().bootBudget()) >= 0) {
            throw new IllegalArgumentException("off-for " + offFor.toMillis() + " ms is not shorter than rig '"
                    + context.rig().name() + "' boot budget of " + context.rig().bootBudget().toMillis()
                    + " ms; a longer outage is a power-cut");
        }
    }

    @Override
    public String kind() {
        return "brownout";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        active = true;
        long start = System.nanoTime();
        dip(context, 1, observed);
        // Every switching is due at a fixed offset from the first dip, so a late scheduler still
        // keeps the order off, on, off, on (each "on" is due before the next "off").
        synchronized (pending) {
            for (int i = 0; i < repeat; i++) {
                int n = i + 1;
                long offAt = every.toNanos() * i;
                if (i > 0) {
                    pending.add(schedule(context, start + offAt, () -> dip(context, n, null)));
                }
                pending.add(schedule(context, start + offAt + offFor.toNanos(), () -> powerBack(context, n)));
            }
        }
    }

    private static ScheduledFuture<?> schedule(FaultContext context, long dueNanos, Runnable action) {
        return context.scheduler().schedule(action, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void dip(FaultContext context, int n, String observed) {
        context.rig().power().off();
        context.timeline().record(new TimelineEvent.PowerChanged(false, "brownout dip " + n + " of " + repeat
                + (observed != null ? " (trigger: " + trigger.describe() + "; " + observed + ")"
                : " (" + context.rig().link().imageBytesWritten() + " image bytes written)")));
    }

    private void powerBack(FaultContext context, int n) {
        try {
            context.rig().power().on();
            context.timeline().record(new TimelineEvent.PowerChanged(true, "after " + offFor.toMillis()
                    + " ms off (brownout dip " + n + ")"));
        } catch (RuntimeException e) {
            // The dips go on (the device may still be cut), but the case ends as a rig fault.
            rigFailure = "power back on after brownout dip " + n + ": " + e.getMessage();
            context.timeline().record(new TimelineEvent.PowerSwitchFailed(true, e.getMessage()));
        }
        synchronized (pending) {
            if (++restored == repeat) {
                active = false;
            }
        }
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public java.util.Optional<String> rigFailure() {
        return java.util.Optional.ofNullable(rigFailure);
    }

    @Override
    public void release(FaultContext context) {
        synchronized (pending) {
            pending.forEach(f -> f.cancel(false));
        }
        active = false;
    }
}
