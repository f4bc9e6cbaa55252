package dev.hil.drivers.smp;

import dev.hil.core.link.ImageSpan;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The SMP serial/console transport as Zephyr's MCUmgr defines it.
 *
 * <p>A packet travels as the raw stream {@code [length BE16][SMP packet][CRC16 BE]}, where length
 * counts the SMP packet plus the 2 CRC bytes and the CRC is {@link Crc16Ccitt} over the SMP packet.
 * The raw stream is cut into pieces, each base64-encoded on its own and sent as a frame:
 * {@code 0x06 0x09} (first frame) or {@code 0x04 0x14} (continuation), the base64 text, {@code '\n'}.
 * A frame is at most {@value #MAX_FRAME} bytes including start bytes and newline, so it holds 93
 * raw bytes (124 base64 characters). Like Zephyr, the two CRC bytes are never split across frames.
 */
public final class SmpSerialFraming {
    public static final int MAX_FRAME = 127;
    public static final byte PACKET_START_1 = 0x06;
    public static final byte PACKET_START_2 = 0x09;
    public static final byte FRAME_START_1 = 0x04;
    public static final byte FRAME_START_2 = 0x14;
    /** Raw bytes one full frame carries: whole base64 groups that fit between start bytes and newline. */
    static final int RAW_PER_FRAME = (MAX_FRAME - 3) / 4 * 3;

    private SmpSerialFraming() {
    }

    /** Wire bytes for {@code packet}. */
    public static byte[] encode(SmpPacket packet) {
        return frame(rawStream(packet.toBytes())).wire;
    }

    /**
     * Wire bytes for an upload request plus the {@link ImageSpan} saying exactly which wire prefix
     * holds each image byte, so a tap can stop the write right after image byte N.
     *
     * @param packet             the request
     * @param dataOffsetInPacket where the image bytes start in {@code packet.toBytes()} (8 + the
     *                           payload's {@link SmpPayload#dataOffset()})
     * @param dataLength         how many image bytes the packet carries
     * @param firstImageByte     offset in the image of the first of them
     */
    public static FramedPacket encodeUpload(SmpPacket packet, int dataOffsetInPacket, int dataLength,
                                            long firstImageByte) {
        byte[] smp = packet.toBytes();
        if (dataOffsetInPacket < 0 || dataLength < 0 || dataOffsetInPacket + dataLength > smp.length) {
            throw new IllegalArgumentException("image data [" + dataOffsetInPacket + ", +" + dataLength
                    + ") lies outside the " + smp.length + "-byte packet");
        }
        Frames f = frame(rawStream(smp));
        if (dataLength == 0) {
            return new FramedPacket(f.wire, ImageSpan.NONE);
        }
        int firstRaw = 2 + dataOffsetInPacket; // 2: the length field precedes the packet
        int[] prefix = new int[dataLength + 1];
        prefix[0] = f.firstChar(firstRaw);
        for (int n = 1; n <= dataLength; n++) {
            prefix[n] = f.lastChar(firstRaw + n - 1) + 1;
        }
        return new FramedPacket(f.wire, new ImageSpan(firstImageByte, prefix));
    }

    /** [length][packet][crc] for a packet's bytes. */
    static byte[] rawStream(byte[] smp) {
        if (smp.length + 2 > 0xFFFF) {
            throw new IllegalArgumentException("SMP packet of " + smp.length + " bytes is too long for serial framing");
        }
        int crc = Crc16Ccitt.compute(smp);
        byte[] raw = new byte[smp.length + 4];
        int len = smp.length + 2;
        raw[0] = (byte) (len >>> 8);
        raw[1] = (byte) len;
        System.arraycopy(smp, 0, raw, 2, smp.length);
        raw[raw.length - 2] = (byte) (crc >>> 8);
        raw[raw.length - 1] = (byte) crc;
        return raw;
    }

    /** Frames an already built raw stream (tests use this to frame a deliberately altered stream). */
    static byte[] frameRaw(byte[] raw) {
        return frame(raw).wire;
    }

    private static Frames frame(byte[] raw) {
        List<Integer> rawStarts = new ArrayList<>();
        List<Integer> wireStarts = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 4 / 3 + 16);
        Base64.Encoder b64 = Base64.getEncoder();
        int pos = 0;
        while (pos < raw.length) {
            int take = Math.min(RAW_PER_FRAME, raw.length - pos);
            if (pos + take == raw.length - 1) {
                take--; // keep both CRC bytes in the last frame, as Zephyr does
            }
            rawStarts.add(pos);
            wireStarts.add(out.size());
            boolean first = pos == 0;
            out.write(first ? PACKET_START_1 : FRAME_START_1);
            out.write(first ? PACKET_START_2 : FRAME_START_2);
            byte[] text = b64.encode(java.util.Arrays.copyOfRange(raw, pos, pos + take));
            out.write(text, 0, text.length);
            out.write('\n');
            pos += take;
        }
        return new Frames(out.toByteArray(), rawStarts.stream().mapToInt(Integer::intValue).toArray(),
                wireStarts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The frames of one raw stream and where each begins, in raw and in wire bytes. */
    private record Frames(byte[] wire, int[] rawStarts, int[] wireStarts) {
        private int frameOf(int rawIndex) {
            int f = 0;
            while (f + 1 < rawStarts.length && rawStarts[f + 1] <= rawIndex) {
                f++;
            }
            return f;
        }

        // Base64 puts raw byte p (0..2) of a 3-byte group into characters p and p+1 of its 4-char group.
        int firstChar(int rawIndex) {
            int f = frameOf(rawIndex);
            int j = rawIndex - rawStarts[f];
            return wireStarts[f] + 2 + (j / 3) * 4 + j % 3;
        }

        int lastChar(int rawIndex) {
            return firstChar(rawIndex) + 1;
        }
    }
}
