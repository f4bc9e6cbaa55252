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

    /** The device's boot-mode strap (held across a reset: the bootloader's serial recovery), when wired. */
    default Optional<ResetLine> bootModeLine() {
        return Optional.empty();
    }

    /**
     * Writes the image with the rig's external flasher ({@code provision: command}), the device held
     * in reset; throws {@link RigFault} if the flasher fails.
     */
    default void flash(java.nio.file.Path image) {
        throw new UnsupportedOperationException("this board has no flasher");
    }

    /** What the bench did that belongs on the case's timeline (line changes, the port coming back). */
    default AutoCloseable onBenchEvent(java.util.function.Consumer<dev.hil.core.timeline.TimelineEvent> listener) {
        return () -> { };
    }

    @Override
    void close();
}
