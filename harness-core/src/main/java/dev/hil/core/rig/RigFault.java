package dev.hil.core.rig;

/**
 * The rig, not the device under test, failed: a port that did not come back after power-on, a
 * power driver that did not switch, a flasher that exited with an error. The runner reports it as
 * a rig fault (BROKEN), never as a product failure, and the suite goes on.
 */
public class RigFault extends RuntimeException {
    public RigFault(String message) {
        super(message);
    }

    public RigFault(String message, Throwable cause) {
        super(message, cause);
    }
}
