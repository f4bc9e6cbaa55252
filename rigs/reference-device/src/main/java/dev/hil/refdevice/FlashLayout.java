package dev.hil.refdevice;

/**
 * Where things live in the flash file, in sectors of {@code sectorSize} bytes: primary slot,
 * secondary slot (each {@code slotSectors}, the last of which holds the slot trailer), one scratch
 * sector, then the swap-status area.
 */
public record FlashLayout(int slotSectors, int statusSectors, int sectorSize) {
    /** The first profile's sector (and the usual NOR erase unit). */
    public static final int DEFAULT_SECTOR = 4096;

    public FlashLayout {
        if (slotSectors < 2) {
            throw new IllegalArgumentException("a slot needs at least 2 sectors (image + trailer), got " + slotSectors);
        }
        if (sectorSize < Flash.PAGE || sectorSize % Flash.PAGE != 0) {
            throw new IllegalArgumentException("sector size must be a multiple of the " + Flash.PAGE
                    + "-byte page, got " + sectorSize);
        }
    }

    public static FlashLayout forSlotSectors(int slotSectors) {
        return of(slotSectors, DEFAULT_SECTOR);
    }

    /** Sized so the status area holds every record of one swap several times over (torn writes use slots too). */
    public static FlashLayout of(int slotSectors, int sectorSize) {
        int records = 4 * (3 * (slotSectors - 1) + 4);
        int statusSectors = Math.max(1, (records * SwapStatus.RECORD + sectorSize - 1) / sectorSize);
        return new FlashLayout(slotSectors, statusSectors, sectorSize);
    }

    public int totalSectors() {
        return 2 * slotSectors + 1 + statusSectors;
    }

    /** Absolute sector number of sector {@code i} of {@code slot}. */
    public int sector(Slot slot, int i) {
        return slot.index() * slotSectors + i;
    }

    /** Byte offset of absolute sector {@code sector}. */
    public long at(int sector) {
        return (long) sector * sectorSize;
    }

    public long offset(Slot slot) {
        return at(sector(slot, 0));
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

    /** Bytes of one slot, trailer sector included (what MCUmgr's slot info reports). */
    public long slotSize() {
        return (long) slotSectors * sectorSize;
    }

    /** Largest image a slot takes: every sector but the trailer's. */
    public int imageCapacity() {
        return (slotSectors - 1) * sectorSize;
    }
}
