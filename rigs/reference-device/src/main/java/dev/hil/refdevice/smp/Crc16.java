package dev.hil.refdevice.smp;

/**
 * CRC-16 of the MCUmgr serial transport: Zephyr's {@code crc16_itu_t(0x0000, ...)}, i.e. polynomial
 * x^16 + x^12 + x^5 + 1 (0x1021), MSB first, initial value 0, no final XOR ("CRC-16/XMODEM";
 * check value 0x31C3 over "123456789").
 *
 * <p>Deliberately written again (bit by bit, no table) beside the harness's
 * {@code dev.hil.drivers.smp.Crc16Ccitt}: the checked device shares no code with its checker.
 */
public final class Crc16 {
    private Crc16() {
    }

    public static int of(byte[] data, int from, int length) {
        int crc = 0;
        for (int i = from; i < from + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}
