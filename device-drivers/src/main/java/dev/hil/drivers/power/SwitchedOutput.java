package dev.hil.drivers.power;

/**
 * One switched output of a bench, whatever drives it: a GPIO pin, a relay CLI, a PDU outlet.
 * "Active" is what the line is for: supply on, reset held, boot-mode strap held. Synchronous: when
 * {@link #drive} returns the driver has switched (or thrown {@link dev.hil.core.rig.RigFault}).
 */
public interface SwitchedOutput extends AutoCloseable {
    void drive(boolean active);

    /** The level last driven, or read back where the driver can ({@code state} command, a pin). */
    boolean active();

    /** For messages and the timeline: "GPIO 17 (linuxfs)", "outlet 3 of pdu-1". */
    String describe();

    /** Releases what the driver holds; leaves the output as it is (the board's safe state was applied before). */
    @Override
    void close();
}
