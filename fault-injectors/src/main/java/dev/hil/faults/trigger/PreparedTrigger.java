package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import dev.hil.core.rig.RigCapability;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fault's trigger that lets the fault act when it is armed: check the rig can carry it (an
 * {@link IllegalArgumentException} there stops the scenario before the update, with the reason),
 * or start watching the link so that it knows, at injection, what was already sent.
 */
public final class PreparedTrigger implements Trigger {
    private final Trigger inner;
    private final Consumer<FaultContext> prepare;
    private final Runnable unprepare;

    public PreparedTrigger(Trigger inner, Consumer<FaultContext> prepare, Runnable unprepare) {
        this.inner = inner;
        this.prepare = prepare;
        this.unprepare = unprepare;
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        prepare.accept(context);
        inner.arm(context, fire);
    }

    @Override
    public void disarm() {
        inner.disarm();
        unprepare.run();
    }

    @Override
    public Set<RigCapability> needs() {
        return inner.needs();
    }

    @Override
    public String describe() {
        return inner.describe();
    }
}
