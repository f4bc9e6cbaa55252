package dev.hil.refdevice.smp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes SMP packets in the MCUmgr serial (console) transport: the packet travels as
 * {@code length (BE16, packet + CRC) | packet | CRC16 (BE)}, cut into frames of at most 127 bytes,
 * each {@code 0x06 0x09} (the packet's first frame) or {@code 0x04 0x14} (the next ones), then the
 * base64 of its piece, then a newline. As Zephyr's transport does, the CRC is not split between frames.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpSerialFraming}:
 * the checked device shares no code with its checker.
 */
public final class SerialFrames {
    static final int FRAME_LIMIT = 127;
    static final int FIRST_1 = 0x06, FIRST_2 = 0x09, NEXT_1 = 0x04, NEXT_2 = 0x14;
    /** Raw bytes per frame: whole 4-character base64 groups between the 2 start bytes and the newline. */
    static final int RAW_PER_FRAME = (FRAME_LIMIT - 3) / 4 * 3;

    private SerialFrames() {
    }

    public static byte[] encode(SmpMessage message) {
        byte[] packet = message.toBytes();
        int total = packet.length + 2;
        if (total > 0xFFFF) {
            throw new IllegalArgumentException("SMP packet of " + packet.length + " bytes is too long for the serial transport");
        }
        byte[] raw = new byte[2 + total];
        raw[0] = (byte) (total >> 8);
        raw[1] = (byte) total;
        System.arraycopy(packet, 0, raw, 2, packet.length);
        int crc = Crc16.of(packet, 0, packet.length);
        raw[raw.length - 2] = (byte) (crc >> 8);
        raw[raw.length - 1] = (byte) crc;

        ByteArrayOutputStream wire = new ByteArrayOutputStream(raw.length * 2);
        for (int from = 0; from < raw.length; ) {
            int to = Math.min(raw.length, from + RAW_PER_FRAME);
            if (to == raw.length - 1) {
                to--; // the last frame would hold one CRC byte only: move the other one there too
            }
            wire.write(from == 0 ? FIRST_1 : NEXT_1);
            wire.write(from == 0 ? FIRST_2 : NEXT_2);
            wire.writeBytes(Base64.getEncoder().encode(Arrays.copyOfRange(raw, from, to)));
            wire.write('\n');
            from = to;
        }
        return wire.toByteArray();
    }
}
