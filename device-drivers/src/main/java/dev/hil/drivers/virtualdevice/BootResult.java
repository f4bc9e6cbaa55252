package dev.hil.drivers.virtualdevice;

import dev.hil.core.image.FirmwareImage;

/** How a boot ended: running the verified image in slot 0, or in serial recovery for a reason. */
public record BootResult(FirmwareImage running, String recoveryReason) {
    static BootResult app(FirmwareImage image) {
        return new BootResult(image, null);
    }

    static BootResult recovery(String reason) {
        return new BootResult(null, reason);
    }

    public boolean inRecovery() {
        return running == null;
    }
}
