package dev.hil.drivers.smp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Incremental decoder for the SMP serial transport ({@link SmpSerialFraming}). Feed it bytes as
 * they arrive, in any split; it returns each packet once its last frame is in, and a
 * {@link SmpDecoded.Failure} for each framed packet it had to drop. Bytes outside frames (console
 * text, boot banners, line noise) are skipped silently, including between the frames of a packet.
 * Not thread-safe: one reader feeds it.
 */
public final class SmpFrameDecoder {
    /** Longest base64 line accepted; real frames hold 124 characters, some senders use more. */
    private static final int MAX_LINE = 4096;

    private enum State { HUNT, LINE }

    private State state = State.HUNT;
    private int prev = -1;                 // previous byte while hunting for start bytes
    private boolean firstFrame;            // the line being read belongs to a 0x06 0x09 frame
    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private boolean inPacket;              // a first frame was taken and more frames are due
    private int expected = -1;             // length field: SMP packet + CRC bytes
    private final boolean checkCrc;

    public SmpFrameDecoder() {
        this(true);
    }

    /**
     * {@code checkCrc = false} takes packets whatever their CRC16 says: only the virtual device's
     * {@code no-crc-check} defect wants that, to show that link-corruption scenarios catch it.
     */
    public SmpFrameDecoder(boolean checkCrc) {
        this.checkCrc = checkCrc;
    }

    /** Decodes {@code len} bytes from {@code off}; returns what they completed, in order. */
    public List<SmpDecoded> feed(byte[] data, int off, int len) {
        List<SmpDecoded> out = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            accept(data[i] & 0xFF, out);
        }
        return out;
    }

    public List<SmpDecoded> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** Forgets any partial packet (e.g. after the device was power-cycled). */
    public void reset() {
        state = State.HUNT;
        prev = -1;
        line.setLength(0);
        raw.reset();
        inPacket = false;
        expected = -1;
    }

    private void accept(int b, List<SmpDecoded> out) {
        if (state == State.LINE) {
            if (b == '\n') {
                state = State.HUNT;
                prev = -1;
                endOfLine(out);
            } else if (b == '\r') {
                // some consoles turn '\n' into "\r\n"
            } else if (isBase64(b)) {
                if (line.length() >= MAX_LINE) {
                    fail(out, "frame longer than " + MAX_LINE + " characters without a newline");
                    state = State.HUNT;
                    prev = -1;
                } else {
                    line.append((char) b);
                }
            } else {
                fail(out, String.format("bad base64: byte 0x%02x inside a frame after %d characters",
                        b, line.length()));
                state = State.HUNT;
                prev = b; // it may be the first start byte of the next packet
            }
            return;
        }
        if (prev == PACKET_START_1 && b == PACKET_START_2) {
            if (inPacket) {
                fail(out, "packet cut short: " + partial() + " when a new packet started");
            }
            startLine(true);
        } else if (prev == FRAME_START_1 && b == FRAME_START_2 && inPacket) {
            startLine(false);
        } else {
            prev = b;
        }
    }

    private static final int PACKET_START_1 = SmpSerialFraming.PACKET_START_1;
    private static final int PACKET_START_2 = SmpSerialFraming.PACKET_START_2;
    private static final int FRAME_START_1 = SmpSerialFraming.FRAME_START_1;
    private static final int FRAME_START_2 = SmpSerialFraming.FRAME_START_2;

    private void startLine(boolean first) {
        state = State.LINE;
        firstFrame = first;
        line.setLength(0);
        prev = -1;
        if (first) {
            raw.reset();
            expected = -1;
            inPacket = true;
        }
    }

    private void endOfLine(List<SmpDecoded> out) {
        byte[] bytes;
        try {
            if (line.length() % 4 != 0) {
                throw new IllegalArgumentException(line.length() + " characters is not a whole number of 4-char groups");
            }
            bytes = Base64.getDecoder().decode(line.toString());
        } catch (IllegalArgumentException e) {
            fail(out, "bad base64 in " + (firstFrame ? "first" : "continuation") + " frame: " + e.getMessage());
            return;
        }
        raw.write(bytes, 0, bytes.length);
        if (expected < 0) {
            if (raw.size() < 2) {
                fail(out, "first frame too short to hold the packet length");
                return;
            }
            byte[] r = raw.toByteArray();
            expected = ((r[0] & 0xFF) << 8) | (r[1] & 0xFF);
            if (expected < SmpPacket.HEADER_SIZE + 2) {
                fail(out, "length mismatch: length field " + expected + " cannot hold an SMP header and CRC");
                return;
            }
        }
        int have = raw.size() - 2;
        if (have < expected) {
            return; // continuation frames follow
        }
        if (have > expected) {
            fail(out, "length mismatch: length field says " + expected + " bytes but the frames carry " + have);
            return;
        }
        byte[] r = raw.toByteArray();
        int smpLen = expected - 2;
        int computed = Crc16Ccitt.compute(r, 2, smpLen);
        int sent = ((r[2 + smpLen] & 0xFF) << 8) | (r[3 + smpLen] & 0xFF);
        if (checkCrc && computed != sent) {
            fail(out, String.format("CRC mismatch: packet says 0x%04x, computed 0x%04x over %d bytes",
                    sent, computed, smpLen));
            return;
        }
        try {
            SmpPacket p = SmpPacket.parse(r, 2, smpLen);
            out.add(new SmpDecoded.Packet(p));
        } catch (SmpFormatException e) {
            out.add(new SmpDecoded.Failure(e.getMessage()));
        }
        clearPacket();
    }

    private String partial() {
        return expected < 0 ? "no length yet" : (raw.size() - 2) + " of " + expected + " bytes";
    }

    private void fail(List<SmpDecoded> out, String reason) {
        out.add(new SmpDecoded.Failure(reason));
        clearPacket();
    }

    private void clearPacket() {
        raw.reset();
        inPacket = false;
        expected = -1;
        line.setLength(0);
    }

    private static boolean isBase64(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '+' || b == '/' || b == '=';
    }
}
