package dev.hil.drivers.power;

/**
 * What hangs on a reset pin: the device's reset input. Held, the CPU stops where it is and stays
 * stopped with its supply on; released, it starts again from its reset vector (if it has power).
 */
public interface ResetInput {
    /** Reset asserted; returns once the device has stopped. */
    void holdInReset();

    /** Reset deasserted; returns once the device is running again (or stays off if unpowered). */
    void releaseFromReset();
}
