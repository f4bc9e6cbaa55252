package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;

/** How a boot ended: running the verified image in slot 0, or in serial recovery for a reason. */
public record BootResult(McubootImage running, String recoveryReason) {
    static BootResult app(McubootImage image) {
        return new BootResult(image, null);
    }

    static BootResult recovery(String reason) {
        return new BootResult(null, reason);
    }

    public boolean inRecovery() {
        return running == null;
    }
}
