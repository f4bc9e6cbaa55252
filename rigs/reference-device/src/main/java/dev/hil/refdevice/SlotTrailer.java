package dev.hil.refdevice;

import java.util.Arrays;

/**
 * The MCUboot trailer at the end of a slot's last sector: swap type, copy_done and image_ok flags
 * (one byte each in its own 8-byte field, written once after erase) and the 16-byte boot magic,
 * written last so a torn request reads as no request.
 */
public record SlotTrailer(boolean magic, SwapType swapType, boolean copyDone, boolean imageOk) {
    static final byte[] BOOT_MAGIC = {
        (byte) 0x77, (byte) 0xc2, (byte) 0x95, (byte) 0xf3, (byte) 0x60, (byte) 0xd2, (byte) 0xef, (byte) 0x7f,
        (byte) 0x35, (byte) 0x52, (byte) 0x50, (byte) 0x7c, (byte) 0x08, (byte) 0x80, (byte) 0xb8, (byte) 0xde
    };
    // Offsets from the end of the trailer sector, whatever the sector size.
    private static final int SWAP_TYPE_AT = -40;
    private static final int COPY_DONE_AT = -32;
    private static final int IMAGE_OK_AT = -24;
    private static final int MAGIC_AT = -16;
    private static final byte FLAG_SET = 0x01;

    public static SlotTrailer read(Flash flash, Slot slot) {
        long base = trailerBase(flash, slot);
        byte[] t = flash.read(base + SWAP_TYPE_AT, 40);
        boolean magic = Arrays.equals(Arrays.copyOfRange(t, MAGIC_AT - SWAP_TYPE_AT, 40), BOOT_MAGIC);
        // A torn or otherwise unexpected flag byte counts as unset, as MCUboot's BOOT_FLAG_BAD does.
        return new SlotTrailer(magic, SwapType.ofCode(t[0] & 0xFF),
                t[COPY_DONE_AT - SWAP_TYPE_AT] == FLAG_SET, t[IMAGE_OK_AT - SWAP_TYPE_AT] == FLAG_SET);
    }

    /** A swap request in the secondary slot: what MCUmgr's "test" (or "confirm" of slot 1) writes. */
    static void writeRequest(Flash flash, boolean permanent) {
        long base = trailerBase(flash, Slot.SECONDARY);
        flash.erase(flash.layout().trailerSector(Slot.SECONDARY));
        flash.program(base + SWAP_TYPE_AT, new byte[] {(byte) (permanent ? SwapType.PERMANENT : SwapType.TEST).code()});
        if (permanent) {
            flash.program(base + IMAGE_OK_AT, new byte[] {FLAG_SET});
        }
        flash.program(base + MAGIC_AT, BOOT_MAGIC);
    }

    /** The primary trailer once a swap has copied an image in: erased first so a re-done step starts clean. */
    static void writeAfterSwap(Flash flash, SwapType type) {
        long base = trailerBase(flash, Slot.PRIMARY);
        flash.erase(flash.layout().trailerSector(Slot.PRIMARY));
        flash.program(base + SWAP_TYPE_AT, new byte[] {(byte) type.code()});
        flash.program(base + COPY_DONE_AT, new byte[] {FLAG_SET});
        if (type != SwapType.TEST) {
            // Permanent swaps are confirmed by request; a revert restores an image that was confirmed.
            flash.program(base + IMAGE_OK_AT, new byte[] {FLAG_SET});
        }
        flash.program(base + MAGIC_AT, BOOT_MAGIC);
    }

    /** Confirms the image in the primary slot; MCUboot only does so when the trailer has its magic. */
    static boolean setImageOk(Flash flash) {
        SlotTrailer t = read(flash, Slot.PRIMARY);
        if (!t.magic() || t.imageOk()) {
            return false;
        }
        flash.program(trailerBase(flash, Slot.PRIMARY) + IMAGE_OK_AT, new byte[] {FLAG_SET});
        return true;
    }

    static void erase(Flash flash, Slot slot) {
        flash.erase(flash.layout().trailerSector(slot));
    }

    /** The end of the slot's trailer sector: the field offsets above count back from it. */
    private static long trailerBase(Flash flash, Slot slot) {
        FlashLayout layout = flash.layout();
        return layout.at(layout.trailerSector(slot) + 1);
    }
}
