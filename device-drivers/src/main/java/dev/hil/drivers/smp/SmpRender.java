package dev.hil.drivers.smp;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** SMP fields for the transcript: maps as {k=v, ...}, byte strings as hex, image data abbreviated. */
final class SmpRender {
    private static final int PREVIEW = 8;

    private SmpRender() {
    }

    /** A packet as "op group/command seq=N {fields}", or its undecodable payload's reason. */
    static String packet(SmpPacket p) {
        String fields;
        try {
            fields = fields(p.fields());
        } catch (SmpFormatException e) {
            fields = "<" + e.getMessage() + ">";
        }
        return p.opName() + " " + p.commandName() + " seq=" + p.seq() + " " + fields;
    }

    /** Fields as {k=v, ...}; byte strings as hex, image data and long ones as length + first 8 bytes. */
    static String fields(Object v) {
        return render(null, v);
    }

    static String shortHex(byte[] hash) {
        return hash == null ? "-" : HexFormat.of().formatHex(hash, 0, Math.min(PREVIEW, hash.length));
    }

    private static String render(String key, Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(e.getKey()).append('=').append(render(String.valueOf(e.getKey()), e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(render(null, o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof byte[] b) {
            if ("data".equals(key) || b.length > 32) {
                return b.length + "B " + HexFormat.of().formatHex(b, 0, Math.min(PREVIEW, b.length))
                        + (b.length > PREVIEW ? "…" : "");
            }
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        return String.valueOf(v);
    }
}
