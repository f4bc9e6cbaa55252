package dev.hil.faults.trigger;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.rig.RigCapability;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires on the K-th occurrence of another trigger (the 3rd matching log line, the 2nd boot, the
 * 2nd upload attempt reaching byte N): each time the inner trigger fires it is counted and armed
 * again, on the same thread, so no occurrence in between is missed.
 */
public final class NthOccurrence implements Trigger {
    private final int k;
    private final Trigger of;

    public NthOccurrence(int k, Trigger of) {
        if (k < 1) {
            throw new IllegalArgumentException("'nth' must be 1 or more, got " + k);
        }
        if (of instanceof AfterElapsed || of instanceof AtUpdateStart) {
            throw new IllegalArgumentException("'nth' counts occurrences, but '" + of.describe()
                    + "' happens only once (use log, phase, bytes, transferred, random or a composite of them)");
        }
        this.k = k;
        this.of = of;
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        AtomicInteger count = new AtomicInteger();
        of.arm(context, new Firing() {
            @Override
            public void fire(String observed) {
                int c = count.incrementAndGet();
                if (c >= k) {
                    fire.fire("occurrence " + c + " of " + of.describe() + ": " + observed);
                    return;
                }
                context.timeline().record(new TimelineEvent.TriggerProgress(describe(), "occurrence " + c + " of "
                        + of.describe() + " at " + observed));
                of.disarm();
                of.arm(context, this);
            }
        });
    }

    @Override
    public void disarm() {
        of.disarm();
    }

    @Override
    public Set<RigCapability> needs() {
        return of.needs();
    }

    @Override
    public String describe() {
        return "nth " + k + " of (" + of.describe() + ")";
    }
}
