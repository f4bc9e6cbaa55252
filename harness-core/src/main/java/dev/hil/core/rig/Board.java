package dev.hil.core.rig;

import dev.hil.core.link.SerialLink;
import java.util.Optional;

/**
 * A device on a bench as its board provider wires it: supply, reset line, the link an update
 * protocol talks over, the device log. No protocol: {@link BoardRig} puts one on top. Starts
 * unpowered; closing leaves the device off and releases what the board opened.
 */
public interface Board extends AutoCloseable {
    PowerSwitch power();

    /** The device's reset pin, when the rig wires one. */
    default Optional<ResetLine> resetLine() {
        return Optional.empty();
    }

    SerialLink link();

    DeviceLog log();

    /** Whether the device may be running: erasing under it would be a test of nothing. */
    default boolean deviceRunning() {
        return power().isOn();
    }

    /** Brings the device to erased flash (a fresh board). {@link BoardRig} has checked it is not running. */
    void eraseDevice();

    @Override
    void close();
}
