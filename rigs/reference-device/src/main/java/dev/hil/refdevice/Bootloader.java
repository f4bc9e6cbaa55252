package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.ImageCheck;
import java.util.Optional;
import java.util.Set;

/**
 * The MCUboot-like boot flow: finish an interrupted swap, else revert an unconfirmed trial image,
 * else carry out a requested upgrade once the secondary image validates; then boot slot 0 only if
 * its hash and signature verify, and fall back to serial recovery otherwise.
 */
final class Bootloader {
    private final Flash flash;
    private final ImagePolicy policy;
    private final SwapStatus status; // null: defect no-swap-status
    private final boolean revertUnconfirmed; // false: defect no-revert
    private final boolean confirmBeforeRun; // true: defect confirm-before-verify
    private final EventLog log;

    Bootloader(Flash flash, ImagePolicy policy, Set<Defect> defects, EventLog log) {
        this.flash = flash;
        this.policy = policy;
        this.status = defects.contains(Defect.NO_SWAP_STATUS) ? null : new SwapStatus(flash);
        this.revertUnconfirmed = !defects.contains(Defect.NO_REVERT);
        this.confirmBeforeRun = defects.contains(Defect.CONFIRM_BEFORE_VERIFY);
        this.log = log;
    }

    BootResult boot() {
        log.event("boot: start");
        ImageSwap swap = new ImageSwap(flash, status, log);
        Optional<SwapProgress> interrupted = status == null ? Optional.empty()
                : status.last().filter(p -> !p.finished() && p.sectors() < flash.layout().slotSectors());
        if (interrupted.isPresent()) {
            swap.resume(interrupted.get());
        } else {
            SwapType planned = planned();
            if (planned == SwapType.REVERT && !revertUnconfirmed) {
                log.event("boot: unconfirmed test image kept, no revert (defect no-revert)");
            } else if (planned == SwapType.REVERT) {
                swap.start(SwapType.REVERT, sectorsToSwap());
            } else if (planned == SwapType.TEST || planned == SwapType.PERMANENT) {
                upgrade(swap, planned);
                // The bug: the test image is made permanent as soon as it is in place, before it
                // ever ran, so nothing is left to revert to if its first boot never completes.
                if (confirmBeforeRun && planned == SwapType.TEST && SlotTrailer.setImageOk(flash)) {
                    log.event("boot: test image confirmed before it ever ran (defect confirm-before-verify)");
                }
            }
        }
        SlotImage primary = SlotImage.read(flash, Slot.PRIMARY);
        if (!primary.present()) {
            return BootResult.recovery(primary.problem());
        }
        ImageCheck v = policy.check(primary.image(), Slot.PRIMARY);
        if (!v.accepted()) {
            return BootResult.recovery("slot 0 image rejected: " + v.reason());
        }
        log.event("boot: slot 0 version " + primary.image().version() + " hash " + primary.image().digestHex());
        return BootResult.app(primary.image());
    }

    /** The swap the next boot would do, from the trailers alone (MCUboot's boot_swap_type). */
    SwapType planned() {
        SlotTrailer primary = SlotTrailer.read(flash, Slot.PRIMARY);
        if (primary.magic() && primary.copyDone() && !primary.imageOk()) {
            return SwapType.REVERT;
        }
        SlotTrailer secondary = SlotTrailer.read(flash, Slot.SECONDARY);
        if (secondary.magic()) {
            return secondary.imageOk() ? SwapType.PERMANENT : SwapType.TEST;
        }
        return SwapType.NONE;
    }

    private void upgrade(ImageSwap swap, SwapType type) {
        String refusal = refusal();
        if (refusal != null) {
            log.event("boot: rejected secondary: " + refusal);
            // Drop the request so the device does not retry a bad image on every boot.
            SlotTrailer.erase(flash, Slot.SECONDARY);
            return;
        }
        swap.start(type, sectorsToSwap());
    }

    private String refusal() {
        SlotImage secondary = SlotImage.read(flash, Slot.SECONDARY);
        if (!secondary.present()) {
            return secondary.problem();
        }
        ImageCheck v = policy.check(secondary.image(), Slot.SECONDARY);
        if (!v.accepted()) {
            return v.reason();
        }
        McubootImage running = SlotImage.read(flash, Slot.PRIMARY).asOptional()
                .filter(img -> policy.check(img, Slot.PRIMARY).accepted()).orElse(null);
        return policy.downgrade(secondary.image(), running);
    }

    /** MCUboot moves only the sectors either image occupies. */
    private int sectorsToSwap() {
        int bytes = Math.max(SlotImage.read(flash, Slot.PRIMARY).size(), SlotImage.read(flash, Slot.SECONDARY).size());
        int sector = flash.layout().sectorSize();
        int sectors = (bytes + sector - 1) / sector;
        return Math.min(Math.max(1, sectors), flash.layout().slotSectors() - 1);
    }
}
