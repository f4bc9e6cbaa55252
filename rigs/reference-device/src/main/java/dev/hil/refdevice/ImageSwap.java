package dev.hil.refdevice;

/**
 * MCUboot's swap-using-scratch, sector by sector. Every unit erases its destination before copying
 * and its source stays intact until the next unit's record is written, so re-doing the unit after
 * the last valid status record is always correct, however the cut tore the flash.
 */
final class ImageSwap {
    private final Flash flash;
    private final SwapStatus status; // null: the no-swap-status defect, progress neither kept nor read
    private final EventLog log;

    ImageSwap(Flash flash, SwapStatus status, EventLog log) {
        this.flash = flash;
        this.status = status;
        this.log = log;
    }

    /** Starts a swap of the first {@code sectors} sectors of both slots. */
    void start(SwapType type, int sectors) {
        log.event("swap: start type=" + type.label() + " sectors=" + sectors);
        SwapProgress p = new SwapProgress(type, sectors, 0);
        if (status != null) {
            status.begin(p);
        }
        runFrom(p);
    }

    /** Finishes a swap the status area shows as interrupted. */
    void resume(SwapProgress p) {
        log.event("swap: resume type=" + p.type().label() + " progress=" + p.done() + "/" + p.total());
        runFrom(p);
    }

    private void runFrom(SwapProgress p) {
        while (!p.finished()) {
            p = p.next();
            unit(p);
            if (status != null) {
                status.record(p);
            }
            // Quarter marks let a rig map "the middle of the swap" to a log line (phase swap-half).
            int quarter = p.done() * 4 / p.total();
            if (quarter != (p.done() - 1) * 4 / p.total() && !p.finished()) {
                log.event("swap: progress " + quarter * 25 + "%");
            }
        }
        log.event("swap: done type=" + p.type().label());
    }

    private void unit(SwapProgress p) {
        FlashLayout layout = flash.layout();
        int u = p.done();
        if (u <= 3 * p.sectors()) {
            int i = (u - 1) / 3;
            int primary = layout.sector(Slot.PRIMARY, i);
            int secondary = layout.sector(Slot.SECONDARY, i);
            int scratch = layout.scratchSector();
            switch ((u - 1) % 3) {
                case 0 -> copy(secondary, scratch);
                case 1 -> copy(primary, secondary);
                default -> copy(scratch, primary);
            }
        } else if (u == 3 * p.sectors() + 1) {
            SlotTrailer.writeAfterSwap(flash, p.type());
        } else {
            SlotTrailer.erase(flash, Slot.SECONDARY);
        }
    }

    private void copy(int from, int to) {
        byte[] data = flash.readSector(from);
        flash.erase(to);
        flash.program(flash.layout().at(to), data);
    }
}
