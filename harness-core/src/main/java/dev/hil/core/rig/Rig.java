package dev.hil.core.rig;

import dev.hil.core.device.Device;
import dev.hil.core.image.TrustKey;
import dev.hil.core.link.SerialLink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A board on a bench: power, a UART, the update protocol spoken over it and the device log.
 * Closing a rig leaves the device powered off.
 */
public interface Rig extends AutoCloseable {
    String name();

    /** The rig description file this rig was built from. */
    Path source();

    PowerSwitch power();

    SerialLink link();

    Device device();

    DeviceLog log();

    /** Key the harness itself uses to re-check the signature of the image a device reports running. */
    TrustKey trust();

    /** How long the device may take from power-on until it answers the protocol. */
    Duration bootBudget();

    /** Protocol phase name (swap, boot, confirm, ...) to the regex that shows it in this device's log. */
    Map<String, String> phases();

    /**
     * The device's reset pin, when the rig wires one (a second relay/GPIO output): restarts the
     * device without touching its supply. Empty on rigs that have none.
     */
    default Optional<ResetLine> resetLine() {
        return Optional.empty();
    }

    /** Brings the device to erased flash (a fresh board). Power must be off. */
    void eraseDevice();

    /** The device's boot-mode strap, when the rig wires one. */
    default Optional<ResetLine> bootModeLine() {
        return Optional.empty();
    }

    /** How the rig brings the device to a scenario's given image ({@code provision:}). */
    default ProvisionSpec provisioning() {
        return ProvisionSpec.ERASE;
    }

    /** Writes the image with the rig's external flasher, the device held in reset ({@code provision: command}). */
    default void flash(Path image) {
        throw new UnsupportedOperationException("rig " + name() + " has no flasher (provision: command)");
    }

    /** Registers a listener for what the bench did (line changes, port returns); close to stop. */
    default AutoCloseable onBenchEvent(java.util.function.Consumer<dev.hil.core.timeline.TimelineEvent> listener) {
        return () -> { };
    }

    @Override
    void close();
}
