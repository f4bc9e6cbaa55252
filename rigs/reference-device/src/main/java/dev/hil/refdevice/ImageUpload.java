package dev.hil.refdevice;

import dev.hil.refdevice.smp.McumgrRc;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One chunked upload into a slot, as Zephyr's img_mgmt runs it: the first chunk (offset 0) gives
 * the length, the slot is erased sector by sector just ahead of the data, and a chunk at any other
 * offset than the expected one is answered with the expected offset so the client re-sends.
 */
final class ImageUpload {
    private final Flash flash;
    private final Slot slot;
    private final int length;
    private final byte[] sha;
    private final EventLog log;
    private int next;
    private int erased; // sectors of the slot erased so far, from its start

    private ImageUpload(Flash flash, Slot slot, int length, byte[] sha, EventLog log) {
        this.flash = flash;
        this.slot = slot;
        this.length = length;
        this.sha = sha;
        this.log = log;
    }

    static ImageUpload begin(Flash flash, Slot slot, long length, byte[] sha, EventLog log) throws DeviceRefusal {
        int capacity = flash.layout().imageCapacity();
        if (length <= 0) {
            throw new DeviceRefusal(McumgrRc.EINVAL, "upload length " + length + " is not positive");
        }
        if (length > capacity) {
            log.event("upload: refused: " + length + " bytes do not fit slot " + slot.index() + " (" + capacity + ")");
            throw new DeviceRefusal(McumgrRc.ENOMEM, "image of " + length + " bytes is larger than the slot (" + capacity + ")");
        }
        log.event("upload: start slot " + slot.index() + " len " + length);
        // A stale trailer (an old request, or a trial state) must not apply to the new image.
        SlotTrailer.erase(flash, slot);
        return new ImageUpload(flash, slot, (int) length, sha, log);
    }

    /** Same image as this session (by the client's "sha" and length): Zephyr lets it continue where it stopped. */
    boolean continues(long len, byte[] otherSha) {
        return sha != null && otherSha != null && len == length && Arrays.equals(sha, otherSha);
    }

    Slot slot() {
        return slot;
    }

    int next() {
        return next;
    }

    boolean complete() {
        return next == length;
    }

    /** Writes a chunk at the expected offset; returns the next expected offset. */
    int write(byte[] data) throws DeviceRefusal {
        if (next + (long) data.length > length) {
            throw new DeviceRefusal(McumgrRc.EINVAL, "chunk at " + next + " of " + data.length
                    + " bytes runs past the announced length " + length);
        }
        long base = flash.layout().offset(slot);
        int lastSector = (next + data.length - 1) / flash.layout().sectorSize();
        while (data.length > 0 && erased <= lastSector) {
            flash.erase(flash.layout().sector(slot, erased++));
        }
        flash.program(base + next, data);
        next += data.length;
        if (complete()) {
            log.event("upload: done slot " + slot.index() + " len " + length
                    + (sha != null ? " sha " + HexFormat.of().formatHex(sha) : ""));
        }
        return next;
    }
}
