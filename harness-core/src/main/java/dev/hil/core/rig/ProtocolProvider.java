package dev.hil.core.rig;

import dev.hil.core.device.Device;
import java.util.Set;

/**
 * SPI (ServiceLoader): one update protocol ({@code protocol:} in the rig file: smp, uboot...).
 * Builds the protocol's {@link Device} over a board's link with its own timeouts, so any board whose
 * link it suits can carry it with no new wiring. (The update strategy built on the Device, the
 * provision/update/await-boot flow, is the runner's; this is its seam.)
 */
public interface ProtocolProvider {
    /** The rig file's {@code protocol} this provider speaks. */
    String name();

    /** The board links ({@link BoardProvider#link()}) it can talk over. */
    Set<String> links();

    /** What the protocol reads from a device, beyond what the rig wires (e.g. slot hashes). */
    Set<RigCapability> offers();

    /**
     * The protocol's device on the board's link. If it implements {@link PowerOnAware} it is told
     * every time the board gets power or leaves reset.
     */
    Device open(RigSpec spec, Board board);
}
