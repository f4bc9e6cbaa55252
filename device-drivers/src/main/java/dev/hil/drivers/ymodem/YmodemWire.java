package dev.hil.drivers.ymodem;

import dev.hil.core.link.ImageSpan;
import dev.hil.drivers.smp.Crc16Ccitt;

/** YMODEM control bytes and block framing: {@code SOH|STX, n, 255-n, data, CRC-16/XMODEM big-endian}. */
final class YmodemWire {
    static final byte SOH = 0x01;
    static final byte STX = 0x02;
    static final byte EOT = 0x04;
    static final byte ACK = 0x06;
    static final byte NAK = 0x15;
    static final byte CAN = 0x18;
    static final byte CRC_REQUEST = 'C';
    static final byte PAD = 0x1A;

    /**
     * Cancel: two CANs suffice, more are sent because the first ones may be swallowed as data by a
     * receiver still reading a block (lrzsz sends ten).
     */
    static final byte[] CANCEL = {CAN, CAN, CAN, CAN, CAN, CAN, CAN, CAN};

    static final int SHORT_BLOCK = 128;
    static final int LONG_BLOCK = 1024;
    /** Start byte, block number and its complement. */
    static final int HEADER = 3;
    static final int CRC = 2;

    private YmodemWire() {
    }

    /** A whole block: {@code len} bytes of {@code data} from {@code off}, padded with {@code pad} to {@code blockSize}. */
    static byte[] frame(int number, byte[] data, int off, int len, int blockSize, byte pad) {
        byte[] wire = new byte[HEADER + blockSize + CRC];
        wire[0] = blockSize == LONG_BLOCK ? STX : SOH;
        wire[1] = (byte) number;
        wire[2] = (byte) ~number;
        System.arraycopy(data, off, wire, HEADER, len);
        for (int i = HEADER + len; i < HEADER + blockSize; i++) {
            wire[i] = pad;
        }
        int crc = Crc16Ccitt.compute(wire, HEADER, blockSize);
        wire[HEADER + blockSize] = (byte) (crc >>> 8);
        wire[HEADER + blockSize + 1] = (byte) crc;
        return wire;
    }

    /** The smallest block that holds {@code len} bytes: 128 for a short tail, else 1024. */
    static int blockSizeFor(int len) {
        return len <= SHORT_BLOCK ? SHORT_BLOCK : LONG_BLOCK;
    }

    /**
     * Image byte {@code firstImageByte + k} travels as wire byte {@code HEADER + k}, so the first
     * k image bytes have left once {@code HEADER + k} wire bytes have; padding and CRC follow all of them.
     */
    static ImageSpan span(long firstImageByte, int imageBytes) {
        int[] prefix = new int[imageBytes + 1];
        for (int k = 0; k <= imageBytes; k++) {
            prefix[k] = HEADER + k;
        }
        return new ImageSpan(firstImageByte, prefix);
    }

    /** Whether a received block (start byte through CRC) has a matching complement and CRC. */
    static String defect(byte[] block, int blockSize) {
        if ((block[1] & 0xFF) != (~block[2] & 0xFF)) {
            return String.format("block number %d does not match its complement %d", block[1] & 0xFF, block[2] & 0xFF);
        }
        int crc = Crc16Ccitt.compute(block, HEADER, blockSize);
        int sent = ((block[HEADER + blockSize] & 0xFF) << 8) | (block[HEADER + blockSize + 1] & 0xFF);
        return crc == sent ? null : String.format("CRC mismatch (computed %04x, sent %04x)", crc, sent);
    }
}
