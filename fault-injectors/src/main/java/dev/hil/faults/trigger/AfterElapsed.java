package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Fires a fixed time after the update started. */
public final class AfterElapsed implements Trigger {
    private final Duration after;
    private volatile ScheduledFuture<?> pending;

    public AfterElapsed(Duration after) {
        this.after = after;
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        long due = context.updateStartNanos() + after.toNanos() - context.timeline().now();
        pending = context.scheduler().schedule(() -> fire.fire(String.format("%.3f ms after update start, %d image bytes written",
                        (context.timeline().now() - context.updateStartNanos()) / 1e6,
                        context.rig().link().imageBytesWritten())),
                Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    @Override
    public void disarm() {
        ScheduledFuture<?> p = pending;
        if (p != null) {
            p.cancel(false);
        }
    }

    @Override
    public String describe() {
        return "after " + after.toMillis() + " ms";
    }
}
