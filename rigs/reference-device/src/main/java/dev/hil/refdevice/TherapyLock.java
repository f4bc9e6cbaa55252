package dev.hil.refdevice;

import dev.hil.refdevice.smp.McumgrRc;

/**
 * The application's update lock: while therapy is active, nothing that would restart the device
 * into another image is allowed (a swap request, a reset) until the therapy owner authorizes the
 * update. Staging an upload into the secondary slot stays allowed, as it does not touch the running
 * therapy. Held in RAM only: a reset or power cycle restarts the application with therapy idle.
 */
final class TherapyLock {
    private final boolean enforced; // false: defect ignore-therapy-lock
    private boolean therapyActive;
    private boolean authorized;

    TherapyLock(boolean enforced) {
        this.enforced = enforced;
    }

    boolean therapyActive() {
        return therapyActive;
    }

    boolean authorized() {
        return authorized;
    }

    /** Starting or ending therapy; either way an earlier authorization no longer applies. */
    void therapy(boolean active) {
        therapyActive = active;
        authorized = false;
    }

    /** The therapy owner releases the lock for the update at hand, until the next reset. */
    void authorize() {
        authorized = true;
    }

    /** Throws EBUSY when {@code what} must wait for the therapy to end or for an authorization. */
    void check(String what) throws DeviceRefusal {
        if (enforced && therapyActive && !authorized) {
            throw new DeviceRefusal(McumgrRc.EBUSY, what + " refused: therapy is active and the update is not authorized");
        }
    }
}
