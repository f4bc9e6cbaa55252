package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.rig.RigCapability;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** Fires when the first of its triggers fires; the others are disarmed then. */
public final class AnyOf implements Trigger {
    private final List<Trigger> triggers;

    public AnyOf(List<Trigger> triggers) {
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("'any-of' needs at least one trigger");
        }
        this.triggers = List.copyOf(triggers);
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        AtomicBoolean done = new AtomicBoolean();
        for (Trigger t : triggers) {
            t.arm(context, observed -> {
                if (done.compareAndSet(false, true)) {
                    for (Trigger other : triggers) {
                        if (other != t) {
                            other.disarm();
                        }
                    }
                    fire.fire("any-of: " + t.describe() + " first, at " + observed);
                }
            });
            if (done.get()) {
                return; // one fired while being armed (e.g. at update start): the rest need not watch
            }
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
        return triggers.stream().map(Trigger::describe).collect(Collectors.joining(", ", "any-of [", "]"));
    }
}
