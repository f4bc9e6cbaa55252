package dev.hil.faults.power;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigCapability;
import dev.hil.faults.trigger.PreparedTrigger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pulses the device's reset pin: held at the trigger's instant, released {@code hold} later; the
 * supply stays on. Needs a rig with a reset line; a rig without one stops the scenario when the
 * fault is armed rather than faking a reset with a power cut.
 */
public final class ResetPulse implements Fault {
    private final Trigger trigger;
    private final Duration hold;
    private volatile ResetLine line;
    private volatile boolean active;
    private volatile ScheduledFuture<?> releaseAt;

    public ResetPulse(Trigger trigger, Duration hold) {
        this.trigger = new PreparedTrigger(trigger, this::findLine, () -> { });
        this.hold = hold;
    }

    private void findLine(FaultContext context) {
        line = context.rig().resetLine().orElseThrow(() -> new IllegalArgumentException("rig '"
                + context.rig().name() + "' has no reset line (reset needs a second relay/GPIO output wired to"
                + " the device's reset pin)"));
    }

    /** The reset line, and whatever the trigger needs. */
    @Override
    public Set<RigCapability> needs() {
        Set<RigCapability> needs = new HashSet<>(trigger.needs());
        needs.add(RigCapability.resetLine());
        return needs;
    }

    @Override
    public String kind() {
        return "reset";
    }

    @Override
    public Trigger trigger() {
        return trigger;
    }

    @Override
    public void inject(FaultContext context, String observed) {
        active = true;
        line.hold();
        context.timeline().record(new TimelineEvent.ResetLineChanged(true, "trigger: " + trigger.describe() + "; "
                + observed + "; supply on"));
        releaseAt = context.scheduler().schedule(() -> {
            try {
                line.release();
                context.timeline().record(new TimelineEvent.ResetLineChanged(false, "after " + hold.toMillis() + " ms"));
            } catch (RuntimeException e) {
                // On the scheduler thread nobody would see it, and an active fault would be waited
                // out for minutes: the timeline says why the device never came back.
                context.timeline().record(new TimelineEvent.FaultNote(kind(), "releasing the reset pin failed: " + e.getMessage()));
            } finally {
                active = false;
            }
        }, hold.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void release(FaultContext context) {
        ScheduledFuture<?> r = releaseAt;
        if (r != null && r.cancel(false)) {
            line.release(); // a device left in reset would look dead to the next scenario
            active = false;
        }
    }
}
