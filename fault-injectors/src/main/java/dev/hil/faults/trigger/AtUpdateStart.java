package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;

/** Fires as soon as it is armed, i.e. when the update starts: for faults with no {@code at:} (delay). */
public final class AtUpdateStart implements Trigger {
    @Override
    public void arm(FaultContext context, Firing fire) {
        fire.fire("update start (" + context.rig().link().imageBytesWritten() + " image bytes written)");
    }

    @Override
    public void disarm() {
    }

    @Override
    public String describe() {
        return "update start";
    }
}
