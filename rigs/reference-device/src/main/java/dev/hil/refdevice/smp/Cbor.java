package dev.hil.refdevice.smp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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
    private static final int UNSIGNED = 0, NEGATIVE = 1, BYTES = 2, TEXT = 3, ARRAY = 4, MAP = 5, TAG = 6, SIMPLE = 7;
    private static final int INDEFINITE = 31;
    private static final int BREAK = 0xFF;

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
        Reader r = new Reader(data);
        Object top = r.item();
        if (!(top instanceof Map<?, ?>)) {
            throw new SmpError("SMP payload is not a CBOR map");
        }
        if (r.at != data.length) {
            throw new SmpError((data.length - r.at) + " bytes after the CBOR map");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) top;
        return map;
    }

    private static final class Reader {
        private final byte[] b;
        private int at;
        private int depth;

        Reader(byte[] b) {
            this.b = b;
        }

        private int next() throws SmpError {
            if (at >= b.length) {
                throw new SmpError("CBOR ends inside an item at byte " + at);
            }
            return b[at++] & 0xFF;
        }

        /** The argument that follows an initial byte with additional info {@code info}. */
        private long argument(int info) throws SmpError {
            if (info < 24) {
                return info;
            }
            int n = switch (info) {
                case 24 -> 1;
                case 25 -> 2;
                case 26 -> 4;
                case 27 -> 8;
                default -> throw new SmpError("reserved CBOR additional info " + info + " at byte " + (at - 1));
            };
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | next();
            }
            return v;
        }

        Object item() throws SmpError {
            if (++depth > 32) {
                throw new SmpError("CBOR nested deeper than 32 levels");
            }
            try {
                return itemAt(next());
            } finally {
                depth--;
            }
        }

        private Object itemAt(int initial) throws SmpError {
            int major = initial >>> 5;
            int info = initial & 0x1F;
            if (info == INDEFINITE && major >= BYTES && major <= MAP) {
                return indefinite(major);
            }
            if (major == SIMPLE) {
                return simple(info);
            }
            long arg = argument(info);
            switch (major) {
                case UNSIGNED:
                    return integer(arg, false);
                case NEGATIVE:
                    return integer(arg, true);
                case BYTES:
                    return take(arg);
                case TEXT:
                    return text(take(arg));
                case ARRAY: {
                    List<Object> list = new ArrayList<>();
                    for (long i = 0, n = count(arg); i < n; i++) {
                        list.add(item());
                    }
                    return list;
                }
                case MAP: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (long i = 0, n = count(arg); i < n; i++) {
                        entry(map, item());
                    }
                    return map;
                }
                default: // TAG: the tagged item stands for itself here
                    return item();
            }
        }

        private Object indefinite(int major) throws SmpError {
            if (major == BYTES || major == TEXT) {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                while (peekNotBreak()) {
                    int chunk = next();
                    if (chunk >>> 5 != major || (chunk & 0x1F) == INDEFINITE) {
                        throw new SmpError("bad chunk in an indefinite-length string at byte " + (at - 1));
                    }
                    joined.writeBytes(take(argument(chunk & 0x1F)));
                }
                return major == TEXT ? text(joined.toByteArray()) : joined.toByteArray();
            }
            if (major == ARRAY) {
                List<Object> list = new ArrayList<>();
                while (peekNotBreak()) {
                    list.add(item());
                }
                return list;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            while (peekNotBreak()) {
                entry(map, item());
            }
            return map;
        }

        private boolean peekNotBreak() throws SmpError {
            if (at >= b.length) {
                throw new SmpError("CBOR ends before the break of an indefinite-length item");
            }
            if ((b[at] & 0xFF) == BREAK) {
                at++;
                return false;
            }
            return true;
        }

        private void entry(Map<String, Object> map, Object key) throws SmpError {
            if (!(key instanceof String k)) {
                throw new SmpError("CBOR map key is not a text string: " + key);
            }
            map.put(k, item());
        }

        private Object simple(int info) throws SmpError {
            switch (info) {
                case 20: return Boolean.FALSE;
                case 21: return Boolean.TRUE;
                case 22: case 23: return null; // null, undefined
                case 25: return halfFloat((int) argument(25));
                case 26: return (double) Float.intBitsToFloat((int) argument(26));
                case 27: return Double.longBitsToDouble(argument(27));
                default: throw new SmpError("unexpected CBOR simple value " + info + " at byte " + (at - 1));
            }
        }

        /** IEEE 754 binary16, as RFC 8949 appendix D decodes it. */
        private static double halfFloat(int half) {
            int exp = (half >> 10) & 0x1F;
            int mant = half & 0x3FF;
            double v = exp == 0 ? mant * Math.pow(2, -24)
                    : exp != 31 ? (mant + 1024) * Math.pow(2, exp - 25)
                    : mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
            return (half & 0x8000) != 0 ? -v : v;
        }

        private static Object integer(long arg, boolean negative) throws SmpError {
            if (arg < 0) {
                throw new SmpError("CBOR integer beyond 64 bits");
            }
            long v = negative ? -1 - arg : arg;
            return v == (int) v ? (Object) (int) v : (Object) v;
        }

        /** {@code arg} as an item or byte count, refused when the rest of the payload cannot hold it. */
        private long count(long arg) throws SmpError {
            if (arg < 0 || arg > b.length - at) {
                throw new SmpError("CBOR length " + arg + " at byte " + at + " exceeds the payload");
            }
            return arg;
        }

        private byte[] take(long n) throws SmpError {
            count(n);
            byte[] out = Arrays.copyOfRange(b, at, at + (int) n);
            at += (int) n;
            return out;
        }

        private static String text(byte[] utf8) throws SmpError {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(utf8)).toString();
            } catch (CharacterCodingException e) {
                throw new SmpError("CBOR text string is not UTF-8");
            }
        }
    }
}
