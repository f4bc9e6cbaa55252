package dev.hil.refdevice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The swap-status area: an append-only log of {@link SwapProgress} records, each with a CRC, so the
 * last valid record says how far a swap got whatever write a power cut tore. It is erased front to
 * back when a new swap starts, so a cut during that erase leaves a suffix whose last record is the
 * previous swap's final one: no swap in progress.
 */
final class SwapStatus {
    static final int RECORD = 16;
    private static final int MAGIC = 0x54535753; // "SWST"

    private final Flash flash;
    private final long base;
    private final int capacity;

    SwapStatus(Flash flash) {
        this.flash = flash;
        FlashLayout layout = flash.layout();
        this.base = layout.at(layout.firstStatusSector());
        this.capacity = layout.statusSectors() * layout.sectorSize() / RECORD;
    }

    /** The last valid record, if any. */
    Optional<SwapProgress> last() {
        byte[] area = flash.read(base, capacity * RECORD);
        SwapProgress found = null;
        for (int i = 0; i < capacity; i++) {
            SwapProgress p = decode(area, i * RECORD);
            if (p != null) {
                found = p;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Erases the area and records the start of a swap. */
    void begin(SwapProgress start) {
        FlashLayout layout = flash.layout();
        for (int s = 0; s < layout.statusSectors(); s++) {
            flash.erase(layout.firstStatusSector() + s);
        }
        record(start);
    }

    /** Appends after the last written slot (a torn record keeps its slot; its CRC rules it out). */
    void record(SwapProgress p) {
        byte[] area = flash.read(base, capacity * RECORD);
        int next = 0;
        for (int i = capacity - 1; i >= 0; i--) {
            if (!Flash.isErased(area, i * RECORD, RECORD)) {
                next = i + 1;
                break;
            }
        }
        if (next >= capacity) {
            // Only reachable after hundreds of cuts inside one swap; better a loud stop than a lost record.
            throw new IllegalStateException("swap-status area full (" + capacity + " records)");
        }
        flash.program(base + (long) next * RECORD, encode(p));
    }

    static byte[] encode(SwapProgress p) {
        ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put((byte) p.type().code()).put((byte) 0).putShort((short) p.sectors()).putInt(p.done());
        b.putInt((int) crc(b.array(), 0, 12));
        return b.array();
    }

    static SwapProgress decode(byte[] area, int off) {
        ByteBuffer b = ByteBuffer.wrap(area, off, RECORD).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(off) != MAGIC || b.getInt(off + 12) != (int) crc(area, off, 12)) {
            return null;
        }
        SwapType type = SwapType.ofCode(area[off + 4] & 0xFF);
        int sectors = Short.toUnsignedInt(b.getShort(off + 6));
        int done = b.getInt(off + 8);
        if (type == null || sectors <= 0 || done < 0 || done > SwapProgress.totalFor(sectors)) {
            return null;
        }
        return new SwapProgress(type, sectors, done);
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
