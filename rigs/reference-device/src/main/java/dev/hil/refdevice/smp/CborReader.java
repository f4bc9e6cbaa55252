package dev.hil.refdevice.smp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CBOR item (RFC 8949) for {@link Cbor#decodeMap}, bounds-checked against the payload:
 * definite and indefinite lengths, tags skipped, nesting limited to 32 levels.
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.drivers.smp.SmpPayload}: the
 * checked device shares no code, and no CBOR library, with its checker.
 */
final class CborReader {
    private static final int UNSIGNED = Cbor.UNSIGNED, NEGATIVE = Cbor.NEGATIVE, BYTES = Cbor.BYTES,
            TEXT = Cbor.TEXT, ARRAY = Cbor.ARRAY, MAP = Cbor.MAP, SIMPLE = Cbor.SIMPLE;
    private static final int INDEFINITE = 31;
    private static final int BREAK = 0xFF;

    private final byte[] b;
    private int at;
    private int depth;

    CborReader(byte[] b) {
        this.b = b;
    }

    /** Offset of the next unread byte. */
    int position() {
        return at;
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
