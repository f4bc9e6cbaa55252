package dev.hil.core.fault;

import dev.hil.core.rig.RigCapability;
import java.util.Set;

/**
 * SPI: when a fault lands (an image byte, a percentage, a time, a device-log line, ...).
 * A trigger fires at most once per arming.
 */
public interface Trigger {
    /** Starts watching; calls {@code fire} exactly once, on whatever thread saw the condition. */
    void arm(FaultContext context, Firing fire);

    /** Stops watching; safe to call more than once, also after firing. */
    void disarm();

    /** What the rig must offer for this trigger to fire (e.g. a phase its log shows); checked before the run. */
    default Set<RigCapability> needs() {
        return Set.of();
    }

    /** How the scenario file said it, e.g. {@code transferred 50%}. */
    String describe();

    /** Receives the firing with what the trigger saw at that instant (byte count, log line...). */
    @FunctionalInterface
    interface Firing {
        void fire(String observed);
    }
}
