package dev.hil.refdevice.smp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the MCUmgr serial transport ({@link SerialFrames}) from a byte stream fed in any split.
 * Console text between frames is skipped. A packet whose frames, length or CRC do not check out is
 * dropped with its reason, as a Zephyr device drops it (the host re-sends on its timeout).
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpFrameDecoder}:
 * the checked device shares no code with its checker.
 */
public final class FrameReader {
    /** What a complete packet turned out to be. */
    public sealed interface Received permits Packet, Dropped {
    }

    public record Packet(SmpMessage message) implements Received {
    }

    public record Dropped(String reason) implements Received {
    }

    private static final int MAX_LINE = 4096;

    private final boolean checkCrc;
    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream packet = new ByteArrayOutputStream();
    private boolean inLine;      // between start bytes and the newline
    private boolean inPacket;    // a first frame came and the length is not yet reached
    private int previous = -1;   // last byte seen outside a line, to spot a 2-byte start marker

    /** {@code checkCrc = false} is the device's no-crc-check defect: it takes damaged packets. */
    public FrameReader(boolean checkCrc) {
        this.checkCrc = checkCrc;
    }

    /** Forgets a packet in progress, as a reboot does. */
    public void reset() {
        line.setLength(0);
        packet.reset();
        inLine = false;
        inPacket = false;
        previous = -1;
    }

    public List<Received> feed(byte[] data, int from, int length) {
        List<Received> out = new ArrayList<>();
        for (int i = from; i < from + length; i++) {
            int b = data[i] & 0xFF;
            if (inLine) {
                inLine(b, out);
            } else {
                outsideLine(b, out);
            }
        }
        return out;
    }

    private void outsideLine(int b, List<Received> out) {
        if (previous == SerialFrames.FIRST_1 && b == SerialFrames.FIRST_2) {
            if (inPacket) {
                drop(out, "a new packet started before the last one was complete");
            }
            inPacket = true;
            packet.reset();
            beginLine();
        } else if (previous == SerialFrames.NEXT_1 && b == SerialFrames.NEXT_2 && inPacket) {
            beginLine();
        } else {
            previous = b;
        }
    }

    private void beginLine() {
        inLine = true;
        line.setLength(0);
        previous = -1;
    }

    private void inLine(int b, List<Received> out) {
        if (b == '\n') {
            inLine = false;
            lineDone(out);
        } else if (b == '\r') {
            return; // a console may send CR LF
        } else if (!base64Alphabet(b) || line.length() == MAX_LINE) {
            inLine = false;
            drop(out, String.format("bad base64: byte 0x%02x in a frame after %d characters", b, line.length()));
            previous = b; // it may open the next frame
        } else {
            line.append((char) b);
        }
    }

    private void lineDone(List<Received> out) {
        byte[] piece;
        try {
            piece = Base64.getDecoder().decode(line.toString());
        } catch (IllegalArgumentException e) {
            drop(out, "bad base64: " + e.getMessage());
            return;
        }
        packet.writeBytes(piece);
        byte[] raw = packet.toByteArray();
        if (raw.length < 2) {
            drop(out, "first frame too short for the length field");
            return;
        }
        int announced = (raw[0] & 0xFF) << 8 | (raw[1] & 0xFF);
        int carried = raw.length - 2;
        if (carried < announced) {
            return; // more frames to come
        }
        if (carried > announced || announced < SmpMessage.HEADER_BYTES + 2) {
            drop(out, "length field says " + announced + " bytes, frames carry " + carried);
            return;
        }
        int smpLength = announced - 2;
        int sent = (raw[2 + smpLength] & 0xFF) << 8 | (raw[3 + smpLength] & 0xFF);
        int computed = Crc16.of(raw, 2, smpLength);
        inPacket = false;
        packet.reset();
        if (checkCrc && sent != computed) {
            out.add(new Dropped(String.format("CRC mismatch: frame says 0x%04x, computed 0x%04x", sent, computed)));
            return;
        }
        try {
            out.add(new Packet(SmpMessage.read(raw, 2, smpLength)));
        } catch (SmpError e) {
            out.add(new Dropped(e.getMessage()));
        }
    }

    private void drop(List<Received> out, String reason) {
        out.add(new Dropped(reason));
        inPacket = false;
        packet.reset();
    }

    private static boolean base64Alphabet(int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '=';
    }
}
