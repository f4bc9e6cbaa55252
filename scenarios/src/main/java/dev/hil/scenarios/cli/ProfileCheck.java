package dev.hil.scenarios.cli;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.rig.DeviceProfile;
import java.io.PrintWriter;
import java.util.OptionalLong;

/**
 * Part of {@code hil rig check}: the rig file's {@code profile.slot-size} against the slot size the
 * board reports (MCUmgr slot info), where it reports one. A wrong profile would size the library's
 * geometry images wrongly (an "oversize" image that fits, a false alarm), so a mismatch fails the
 * check; a rig without a profile is told the line to add.
 */
final class ProfileCheck {
    private ProfileCheck() {
    }

    /** False when the profile contradicts the device. */
    static boolean matches(String rig, DeviceProfile profile, Device device, PrintWriter out, PrintWriter err) {
        OptionalLong reported;
        try {
            reported = device.updateSlotSize();
        } catch (DeviceException e) {
            out.println("slot info: not read (" + e.getMessage() + ")");
            return true;
        }
        if (reported.isEmpty()) {
            out.println("slot info: the device does not report its slot size; profile.slot-size is taken as stated"
                    + (profile.slot().isPresent() ? "" : " (none: geometry scenarios are skipped on this rig)"));
            return true;
        }
        long size = reported.getAsLong();
        if (profile.slot().isEmpty()) {
            out.println("slot info: the device reports an update slot of " + size + " bytes; the rig file states no"
                    + " profile: add profile: {slot-size: " + size + "} (and sector-size) to run geometry scenarios");
            return true;
        }
        if (profile.slotSize() != size) {
            err.println("rig " + rig + ": profile.slot-size is " + profile.slotSize() + " bytes but the device reports "
                    + size + ": geometry images (oversize, full slot) would be sized wrongly");
            return false;
        }
        out.println("slot info: update slot of " + size + " bytes, as the rig's profile states");
        return true;
    }
}
