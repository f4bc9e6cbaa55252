package dev.hil.core.rig;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the rig file states about the board's flash geometry ({@code profile:}): the update slot
 * size and the flash sector size, in bytes. Test images that depend on the geometry (oversize,
 * exactly full) are sized from it, never from the reference device's own layout. A field the rig
 * file leaves out is unknown (0), and scenarios that need it are refused for that rig.
 */
public record DeviceProfile(long slotSize, long sectorSize) {
    public static final DeviceProfile UNKNOWN = new DeviceProfile(0, 0);

    public DeviceProfile {
        if (slotSize < 0 || sectorSize < 0) {
            throw new IllegalArgumentException("slot and sector sizes cannot be negative");
        }
        if (slotSize > 0 && sectorSize > 0 && slotSize % sectorSize != 0) {
            throw new IllegalArgumentException("slot size " + slotSize + " is not a whole number of "
                    + sectorSize + "-byte sectors");
        }
    }

    public OptionalLong slot() {
        return slotSize == 0 ? OptionalLong.empty() : OptionalLong.of(slotSize);
    }

    public OptionalLong sector() {
        return sectorSize == 0 ? OptionalLong.empty() : OptionalLong.of(sectorSize);
    }

    /** Why a geometry-dependent image cannot be made for this rig, or empty when it can. */
    public Optional<String> missingSlotSize() {
        return slotSize > 0 ? Optional.empty() : Optional.of("states no profile.slot-size");
    }
}
