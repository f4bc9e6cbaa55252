package dev.hil.drivers.smp;

/**
 * CRC-16/CCITT as the SMP serial transport uses it (Zephyr {@code crc16_itu_t(0, ...)}):
 * polynomial 0x1021, initial value 0, not reflected, no final XOR (a.k.a. CRC-16/XMODEM).
 */
public final class Crc16Ccitt {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            TABLE[i] = c & 0xFFFF;
        }
    }

    private Crc16Ccitt() {
    }

    /** Continues {@code crc} over {@code len} bytes of {@code data} from {@code off}. */
    public static int update(int crc, byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    public static int compute(byte[] data, int off, int len) {
        return update(0, data, off, len);
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }
}
