package dev.hil.drivers.smp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * One MCUmgr SMP packet: the 8-byte header and its CBOR payload.
 *
 * <p>Header (big-endian, as Zephyr sends it): byte 0 = 3 reserved bits, 2 version bits (0 = SMP
 * v1, 1 = SMP v2), 3 op bits; byte 1 flags; bytes 2-3 payload length; bytes 4-5 group id; byte 6
 * sequence number; byte 7 command id.
 *
 * @param op      {@link #OP_READ}, {@link #OP_READ_RSP}, {@link #OP_WRITE}, {@link #OP_WRITE_RSP}
 * @param flags   header flags (none defined; 0)
 * @param group   management group id, e.g. {@link #GROUP_IMAGE}
 * @param seq     sequence number 0..255; a response echoes its request's
 * @param cmd     command id within the group
 * @param payload the CBOR map bytes (may be empty)
 * @param version SMP version bits: 0 for v1 (errors as "rc"), 1 for v2 (errors as "err")
 */
public record SmpPacket(int op, int flags, int group, int seq, int cmd, byte[] payload, int version) {
    public static final int HEADER_SIZE = 8;

    public static final int OP_READ = 0;
    public static final int OP_READ_RSP = 1;
    public static final int OP_WRITE = 2;
    public static final int OP_WRITE_RSP = 3;

    public static final int GROUP_OS = 0;
    public static final int OS_ECHO = 0;
    public static final int OS_RESET = 5;

    public static final int GROUP_IMAGE = 1;
    public static final int IMAGE_STATE = 0;
    public static final int IMAGE_UPLOAD = 1;
    /** Erases a slot (the secondary by default). */
    public static final int IMAGE_ERASE = 5;
    /** Slot sizes (Zephyr 3.7+); older boards answer ENOTSUP. */
    public static final int IMAGE_SLOT_INFO = 6;

    /**
     * The reference device's vendor group (MCUmgr leaves ids from 64 up to applications): the
     * therapy state that locks updates, and the authorized release of that lock.
     */
    public static final int GROUP_THERAPY = 64;
    /** Read: {therapy, authorized}. Write {therapy: "active"|"idle"}: sets it, answers the same map. */
    public static final int THERAPY_STATE = 0;
    /** Write {}: releases the update lock until the next reset; answers {therapy, authorized}. */
    public static final int THERAPY_AUTHORIZE_UPDATE = 1;

    public SmpPacket {
        if (op < 0 || op > 7) {
            throw new IllegalArgumentException("op " + op + " does not fit 3 bits");
        }
        if (version < 0 || version > 3) {
            throw new IllegalArgumentException("version " + version + " does not fit 2 bits");
        }
        if (payload == null) {
            payload = new byte[0];
        }
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds 65535");
        }
        flags &= 0xFF;
        group &= 0xFFFF;
        seq &= 0xFF;
        cmd &= 0xFF;
    }

    /** An SMP v1 packet (version bits 0), the form every MCUmgr server accepts. */
    public SmpPacket(int op, int flags, int group, int seq, int cmd, byte[] payload) {
        this(op, flags, group, seq, cmd, payload, 0);
    }

    /** An SMP v1 packet whose payload is {@code fields} as a CBOR map (byte[] → byte string). */
    public static SmpPacket of(int op, int group, int cmd, int seq, Map<String, ?> fields) {
        return new SmpPacket(op, 0, group, seq, cmd, SmpPayload.encode(fields).cbor());
    }

    /** The answer to this request: op + 1, same version, flags, group, seq and command. */
    public SmpPacket response(Map<String, ?> fields) {
        return new SmpPacket(op | 1, flags, group, seq, cmd, SmpPayload.encode(fields).cbor(), version);
    }

    /**
     * The payload as a map (byte strings as byte[]).
     *
     * @throws SmpFormatException when the payload is not a CBOR map
     */
    public Map<String, Object> fields() {
        return SmpPayload.decode(payload);
    }

    public boolean isResponse() {
        return (op & 1) == 1;
    }

    /** Header plus payload, as carried by a transport. */
    public byte[] toBytes() {
        byte[] b = new byte[HEADER_SIZE + payload.length];
        b[0] = (byte) ((version << 3) | op);
        b[1] = (byte) flags;
        b[2] = (byte) (payload.length >>> 8);
        b[3] = (byte) payload.length;
        b[4] = (byte) (group >>> 8);
        b[5] = (byte) group;
        b[6] = (byte) seq;
        b[7] = (byte) cmd;
        System.arraycopy(payload, 0, b, HEADER_SIZE, payload.length);
        return b;
    }

    /**
     * Parses header plus payload.
     *
     * @throws SmpFormatException when shorter than a header or the header's length disagrees
     */
    public static SmpPacket parse(byte[] b, int off, int len) {
        if (len < HEADER_SIZE) {
            throw new SmpFormatException("SMP packet of " + len + " bytes is shorter than the 8-byte header");
        }
        int dataLen = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        if (dataLen != len - HEADER_SIZE) {
            throw new SmpFormatException("SMP header says " + dataLen + " payload bytes but the packet has "
                    + (len - HEADER_SIZE));
        }
        int b0 = b[off] & 0xFF;
        return new SmpPacket(b0 & 0x07, b[off + 1] & 0xFF,
                ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF), b[off + 6] & 0xFF, b[off + 7] & 0xFF,
                Arrays.copyOfRange(b, off + HEADER_SIZE, off + len), (b0 >>> 3) & 0x03);
    }

    public static SmpPacket parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /** "read", "read-rsp", "write", "write-rsp" (or "op5" ...). */
    public String opName() {
        return switch (op) {
            case OP_READ -> "read";
            case OP_READ_RSP -> "read-rsp";
            case OP_WRITE -> "write";
            case OP_WRITE_RSP -> "write-rsp";
            default -> "op" + op;
        };
    }

    /** "image/upload", "os/echo", or numbers for groups and commands this driver does not know. */
    public String commandName() {
        String g;
        String c = null;
        switch (group) {
            case GROUP_OS -> {
                g = "os";
                c = cmd == OS_ECHO ? "echo" : cmd == OS_RESET ? "reset" : null;
            }
            case GROUP_IMAGE -> {
                g = "image";
                c = cmd == IMAGE_STATE ? "state" : cmd == IMAGE_UPLOAD ? "upload" : cmd == IMAGE_ERASE ? "erase"
                        : cmd == IMAGE_SLOT_INFO ? "slot-info" : null;
            }
            case GROUP_THERAPY -> {
                g = "therapy";
                c = cmd == THERAPY_STATE ? "state" : cmd == THERAPY_AUTHORIZE_UPDATE ? "authorize-update" : null;
            }
            default -> g = "group" + group;
        }
        return g + "/" + (c != null ? c : "cmd" + cmd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmpPacket p && p.op == op && p.flags == flags && p.group == group
                && p.seq == seq && p.cmd == cmd && p.version == version && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((((op * 31 + flags) * 31 + group) * 31 + seq) * 31 + cmd) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return opName() + " " + commandName() + " seq=" + seq + (version != 0 ? " v" + (version + 1) : "")
                + " payload=" + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16))
                + (payload.length > 16 ? "…(" + payload.length + "B)" : "");
    }
}
