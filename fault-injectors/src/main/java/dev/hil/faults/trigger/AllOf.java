package dev.hil.faults.trigger;

import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.rig.RigCapability;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Fires when every one of its triggers has fired, in any order, on the thread of the last one. */
public final class AllOf implements Trigger {
    private final List<Trigger> triggers;

    public AllOf(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("'all-of' needs at least one trigger");
        }
        this.triggers = List.copyOf(triggers);
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        Map<Trigger, String> seen = new LinkedHashMap<>();
        for (Trigger t : triggers) {
            t.arm(context, observed -> {
                String all;
                synchronized (seen) {
                    if (seen.containsKey(t)) {
                        return;
                    }
                    seen.put(t, observed);
                    if (seen.size() < triggers.size()) {
                        context.timeline().record(new TimelineEvent.TriggerProgress(describe(), t.describe()
                                + " fired at " + observed + " (" + seen.size() + " of " + triggers.size() + ")"));
                        return;
                    }
                    all = seen.entrySet().stream().map(e -> e.getKey().describe() + " at " + e.getValue())
                            .collect(Collectors.joining("; "));
                }
                fire.fire("all-of, last " + t.describe() + ": " + all);
            });
        }
    }

    @Override
    public void disarm() {
        triggers.forEach(Trigger::disarm);
    }

    @Override
    public Set<RigCapability> needs() {
        return triggers.stream().flatMap(t -> t.needs().stream()).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public String describe() {
        return triggers.stream().map(Trigger::describe).collect(Collectors.joining(", ", "all-of [", "]"));
    }
}
