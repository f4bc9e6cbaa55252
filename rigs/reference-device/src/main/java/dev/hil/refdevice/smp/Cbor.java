package dev.hil.refdevice.smp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

/**
 * The subset of CBOR (RFC 8949) SMP payloads use, written from the RFC: unsigned and negative
 * integers, byte and text strings, arrays, maps with text keys, false/true/null and floats; definite
 * lengths out (as zcbor expects), definite or indefinite lengths in, tags skipped. Decoded integers
 * are Integer when they fit, else Long; byte strings are byte[], maps LinkedHashMap, arrays List.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpPayload} (which
 * uses Jackson): the checked device shares no code, and no CBOR library, with its checker.
 */
public final class Cbor {
    static final int UNSIGNED = 0, NEGATIVE = 1, BYTES = 2, TEXT = 3, ARRAY = 4, MAP = 5, SIMPLE = 7;

    private Cbor() {
    }

    /** Encodes a map, in its iteration order. */
    public static byte[] encode(Map<String, ?> map) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, map);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        if (v == null) {
            out.write(0xF6);
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xF5 : 0xF4);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            // A negative n is stored as -1 - n; ~n is that value for every long.
            head(out, n < 0 ? NEGATIVE : UNSIGNED, n < 0 ? ~n : n);
        } else if (v instanceof Double || v instanceof Float) {
            out.write(0xFB);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array());
        } else if (v instanceof byte[] b) {
            head(out, BYTES, b.length);
            out.writeBytes(b);
        } else if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            head(out, TEXT, utf8.length);
            out.writeBytes(utf8);
        } else if (v instanceof Map<?, ?> m) {
            head(out, MAP, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(out, String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
        } else if (v instanceof Collection<?> c) {
            head(out, ARRAY, c.size());
            c.forEach(item -> write(out, item));
        } else {
            throw new IllegalArgumentException("no CBOR form for " + v.getClass().getName());
        }
    }

    /** Initial byte and argument in the shortest form (RFC 8949 section 3). */
    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument >= 0 && argument < 24) {
            out.write(type | (int) argument);
            return;
        }
        int bytes = argument >= 0 && argument <= 0xFF ? 1 : argument >= 0 && argument <= 0xFFFF ? 2
                : argument >= 0 && argument <= 0xFFFFFFFFL ? 4 : 8;
        out.write(type | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (argument >>> (8 * i)));
        }
    }

    /** Decodes exactly one map filling all of {@code data}. */
    public static Map<String, Object> decodeMap(byte[] data) throws SmpError {
        CborReader r = new CborReader(data);
        Object top = r.item();
        if (!(top instanceof Map<?, ?>)) {
            throw new SmpError("SMP payload is not a CBOR map");
        }
        if (r.position() != data.length) {
            throw new SmpError((data.length - r.position()) + " bytes after the CBOR map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) top;
        return map;
    }
}
