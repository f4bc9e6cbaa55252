package dev.hil.refdevice;

/**
 * Where things live in the flash file, in 4 KiB sectors: primary slot, secondary slot (each
 * {@code slotSectors}, the last of which holds the slot trailer), one scratch sector, then the
 * swap-status area.
 */
public record FlashLayout(int slotSectors, int statusSectors) {
    public static final int SECTOR = 4096;

    public FlashLayout {
        if (slotSectors < 2) {
            throw new IllegalArgumentException("a slot needs at least 2 sectors (image + trailer), got " + slotSectors);
        }
    }

    /** Sized so the status area holds every record of one swap several times over (torn writes use slots too). */
    public static FlashLayout forSlotSectors(int slotSectors) {
        int records = 4 * (3 * (slotSectors - 1) + 4);
        int statusSectors = Math.max(1, (records * SwapStatus.RECORD + SECTOR - 1) / SECTOR);
        return new FlashLayout(slotSectors, statusSectors);
    }

    public int totalSectors() {
        return 2 * slotSectors + 1 + statusSectors;
    }

    /** Absolute sector number of sector {@code i} of {@code slot}. */
    public int sector(Slot slot, int i) {
        return slot.index() * slotSectors + i;
    }

    public long offset(Slot slot) {
        return (long) sector(slot, 0) * SECTOR;
    }

    public int trailerSector(Slot slot) {
        return sector(slot, slotSectors - 1);
    }

    public int scratchSector() {
        return 2 * slotSectors;
    }

    public int firstStatusSector() {
        return 2 * slotSectors + 1;
    }

    /** Largest image a slot takes: every sector but the trailer's. */
    public int imageCapacity() {
        return (slotSectors - 1) * SECTOR;
    }
}
