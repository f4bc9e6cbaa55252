package dev.hil.core.rig;

/**
 * A device's reset pin as the harness drives it: held active, the device stops and stays in
 * reset with its supply on; released, it starts from its reset vector (bootloader first).
 */
public interface ResetLine {
    /** Drives the pin active. */
    void hold();

    /** Releases the pin; the device boots. */
    void release();

    /** Whether the pin is driven active now. */
    boolean held();
}
