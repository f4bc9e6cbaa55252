package dev.hil.drivers.smp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CBOR map of an SMP packet, plus where the top-level {@code "data"} byte string's content
 * sits inside it, so an upload encoder can tell which wire bytes carry which image bytes.
 *
 * <p>Maps and arrays are written with definite lengths (what zcbor-based firmware expects).
 * Values: String, Boolean, Integer/Long/Short/Byte/BigInteger, Float/Double, byte[] (CBOR byte
 * string), Map (nested map, String keys), Collection (array), null.
 *
 * @param cbor       the encoded map
 * @param dataOffset offset in {@code cbor} of the first content byte of the top-level "data" byte
 *                   string, or -1 when there is none
 * @param dataLength its length (0 when there is none)
 */
public record SmpPayload(byte[] cbor, int dataOffset, int dataLength) {
    public static final String DATA_KEY = "data";
    private static final CBORFactory CBOR = new CBORFactory();

    /** Encodes {@code fields} in their iteration order (put "data" last to keep the header short). */
    public static SmpPayload encode(Map<String, ?> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int dataOffset = -1;
        int dataLength = 0;
        try (CBORGenerator g = (CBORGenerator) CBOR.createGenerator(out)) {
            g.writeStartObject(fields, fields.size());
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                g.writeFieldName(e.getKey());
                if (DATA_KEY.equals(e.getKey()) && e.getValue() instanceof byte[] data) {
                    g.writeBinary(data);
                    g.flush();
                    // The byte string's content is the last thing written, whatever its header length.
                    dataOffset = out.size() - data.length;
                    dataLength = data.length;
                } else {
                    writeValue(g, e.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new SmpFormatException("cannot encode CBOR payload: " + e.getMessage(), e);
        }
        return new SmpPayload(out.toByteArray(), dataOffset, dataLength);
    }

    private static void writeValue(CBORGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof Float || v instanceof Double) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof byte[] b) {
            g.writeBinary(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m, m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray(c, c.size());
            for (Object o : c) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            throw new SmpFormatException("cannot encode " + v.getClass().getName() + " as CBOR");
        }
    }

    /**
     * Decodes a CBOR map; byte strings come back as byte[], integers as Integer or Long (BigInteger
     * beyond 64 bits), nested maps as LinkedHashMap, arrays as List. An empty payload is an empty map.
     *
     * @throws SmpFormatException when the bytes are not one CBOR map
     */
    public static Map<String, Object> decode(byte[] cbor) {
        if (cbor.length == 0) {
            return new LinkedHashMap<>();
        }
        try (JsonParser p = CBOR.createParser(cbor)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new SmpFormatException("SMP payload is not a CBOR map (starts with " + t + ")");
            }
            Map<String, Object> map = readMap(p);
            if (p.nextToken() != null) {
                throw new SmpFormatException("trailing bytes after the CBOR map");
            }
            return map;
        } catch (IOException e) {
            throw new SmpFormatException("bad CBOR payload: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> readMap(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw new SmpFormatException("bad CBOR map: expected a key, got " + t);
            }
            String key = p.currentName();
            map.put(key, readValue(p, p.nextToken()));
        }
        return map;
    }

    private static Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new SmpFormatException("CBOR payload ends inside a value");
        }
        switch (t) {
            case START_OBJECT:
                return readMap(p);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(p, e));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                return o instanceof byte[] ? o : p.getBinaryValue();
            }
            default:
                throw new SmpFormatException("unexpected CBOR token " + t);
        }
    }
}
