package dev.hil.core.rig;

/**
 * The board (or rig state) is held by another harness: a second run would power-cycle and flash
 * it under the first one's feet. Reported as bad input (exit 2) before any case runs.
 */
public class RigInUse extends IllegalStateException {
    public RigInUse(String message) {
        super(message);
    }
}
