package dev.hil.refdevice.smp;

import java.util.Arrays;
import java.util.Map;

/**
 * One SMP packet: the 8-byte header of the MCUmgr SMP spec and its CBOR payload. Header fields,
 * big-endian: {@code Res:3 Ver:2 OP:3 | Flags:8 | Data Length:16 | Group ID:16 | Sequence Num:8 |
 * Command ID:8}.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpPacket}: the
 * checked device shares no code with its checker.
 */
public record SmpMessage(int version, int op, int flags, int group, int seq, int command, byte[] payload) {
    public static final int HEADER_BYTES = 8;
    public static final int OP_READ = 0;
    public static final int OP_WRITE = 2;

    /** Reads header and payload from {@code length} bytes at {@code from}. */
    public static SmpMessage read(byte[] b, int from, int length) throws SmpError {
        if (length < HEADER_BYTES) {
            throw new SmpError("SMP packet of " + length + " bytes has no room for its 8-byte header");
        }
        int dataLength = be16(b, from + 2);
        if (dataLength != length - HEADER_BYTES) {
            throw new SmpError("SMP header announces " + dataLength + " payload bytes, the packet carries "
                    + (length - HEADER_BYTES));
        }
        int first = b[from] & 0xFF;
        return new SmpMessage((first >> 3) & 0b11, first & 0b111, b[from + 1] & 0xFF, be16(b, from + 4),
                b[from + 6] & 0xFF, b[from + 7] & 0xFF,
                Arrays.copyOfRange(b, from + HEADER_BYTES, from + length));
    }

    public byte[] toBytes() {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = (byte) ((version & 0b11) << 3 | (op & 0b111));
        out[1] = (byte) flags;
        out[2] = (byte) (payload.length >> 8);
        out[3] = (byte) payload.length;
        out[4] = (byte) (group >> 8);
        out[5] = (byte) group;
        out[6] = (byte) seq;
        out[7] = (byte) command;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /** Requests have an even op (read 0, write 2); responses the odd op after it. */
    public boolean isRequest() {
        return (op & 1) == 0;
    }

    public boolean isWrite() {
        return op == OP_WRITE;
    }

    /** The payload as a map. */
    public Map<String, Object> fields() throws SmpError {
        return payload.length == 0 ? Map.of() : Cbor.decodeMap(payload);
    }

    /** The response to this request: op + 1, same version, flags, group, sequence and command. */
    public SmpMessage answer(Map<String, ?> fields) {
        return new SmpMessage(version, op | 1, flags, group, seq, command, Cbor.encode(fields));
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
