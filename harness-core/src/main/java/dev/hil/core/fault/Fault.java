package dev.hil.core.fault;

import dev.hil.core.rig.RigCapability;
import java.util.Set;

/**
 * SPI: something done to the device or its link (power cut, link drop, corruption...). The
 * runner arms its trigger at the start of the update; when the trigger fires, {@link #inject} is
 * called on the firing thread so the fault lands at exactly that instant.
 */
public interface Fault {
    /** The scenario file's name for it, e.g. {@code power-cut}. */
    String kind();

    Trigger trigger();

    /**
     * What the rig must offer to carry this fault (a reset line, the phases its trigger waits
     * for); checked before any device is touched. By default what the trigger needs.
     */
    default Set<RigCapability> needs() {
        return trigger().needs();
    }

    /** Acts now. Must not block longer than the actuation itself; later parts are scheduled. */
    void inject(FaultContext context, String observed);

    /**
     * Why the fault could not undo itself (power that would not come back: a port that never
     * returned, a driver that failed), or empty. The runner reports it as a rig fault, not as the
     * device's failure to recover.
     */
    default java.util.Optional<String> rigFailure() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the update client gives the update up when this fault lands (a power cut: the
     * device restarts on its own) or keeps at it once the fault is over (a link fault: the client
     * retries and resumes the upload, as a real one does).
     */
    default boolean interruptsUpdate() {
        return true;
    }

    /** True from injection until the fault's effect ended (e.g. power back on). */
    boolean active();

    /** Undoes whatever is still in effect (e.g. restores power) when the scenario ends early. */
    default void release(FaultContext context) {
    }
}
