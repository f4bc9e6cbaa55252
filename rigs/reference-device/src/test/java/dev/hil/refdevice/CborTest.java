package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.refdevice.smp.Cbor;
import dev.hil.refdevice.smp.SmpError;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device's CBOR against the examples of RFC 8949 appendix A, wrapped in a one-entry map {"k": value}. */
class CborTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Encoding of {"k": value}: a1 (map of 1), 61 6b ("k"), then the value. */
    private static String encoded(Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", value);
        String hex = HEX.formatHex(Cbor.encode(m));
        assertThat(hex).startsWith("a1616b");
        return hex.substring(6);
    }

    private static Object decoded(String valueHex) throws SmpError {
        return Cbor.decodeMap(HEX.parseHex("a1616b" + valueHex)).get("k");
    }

    @Test
    void integersUseTheShortestHead() throws SmpError {
        Object[][] examples = {
            {0, "00"}, {1, "01"}, {23, "17"}, {24, "1818"}, {100, "1864"}, {1000, "1903e8"},
            {1000000, "1a000f4240"}, {1000000000000L, "1b000000e8d4a51000"}, {-1, "20"}, {-10, "29"},
            {-100, "3863"}, {-1000, "3903e7"}, {Long.MIN_VALUE, "3b7fffffffffffffff"},
        };
        for (Object[] e : examples) {
            assertThat(encoded(e[0])).as("encode %s", e[0]).isEqualTo(e[1]);
            assertThat(((Number) decoded((String) e[1])).longValue()).as("decode %s", e[1])
                    .isEqualTo(((Number) e[0]).longValue());
        }
        assertThat(decoded("1864")).isInstanceOf(Integer.class);
        assertThat(decoded("1b000000e8d4a51000")).isInstanceOf(Long.class);
    }

    @Test
    void stringsArraysMapsAndSimpleValues() throws SmpError {
        assertThat(encoded("")).isEqualTo("60");
        assertThat(encoded("IETF")).isEqualTo("6449455446");
        assertThat(encoded("\u00fc")).isEqualTo("62c3bc");
        assertThat(encoded(new byte[] {1, 2, 3, 4})).isEqualTo("4401020304");
        assertThat(encoded(List.of(1, List.of(2, 3), List.of(4, 5)))).isEqualTo("8301820203820405");
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", List.of(2, 3));
        assertThat(encoded(ab)).isEqualTo("a26161016162820203");
        assertThat(encoded(false)).isEqualTo("f4");
        assertThat(encoded(true)).isEqualTo("f5");
        assertThat(encoded(null)).isEqualTo("f6");

        assertThat(decoded("6449455446")).isEqualTo("IETF");
        assertThat((byte[]) decoded("4401020304")).containsExactly(1, 2, 3, 4);
        assertThat(decoded("8301820203820405")).isEqualTo(List.of(1, List.of(2, 3), List.of(4, 5)));
        assertThat(decoded("a26161016162820203")).isEqualTo(ab);
        assertThat(decoded("f5")).isEqualTo(true);
        assertThat(decoded("f6")).isNull();
    }

    @Test
    void floatsIndefiniteLengthsAndTagsDecode() throws SmpError {
        assertThat(decoded("f93c00")).isEqualTo(1.0);
        assertThat(decoded("f9c400")).isEqualTo(-4.0);
        assertThat(decoded("fa47c35000")).isEqualTo(100000.0);
        assertThat(decoded("fb3ff199999999999a")).isEqualTo(1.1);
        assertThat((byte[]) decoded("5f42010243030405ff")).containsExactly(1, 2, 3, 4, 5);
        assertThat(decoded("7f657374726561646d696e67ff")).isEqualTo("streaming");
        assertThat(decoded("9f018202039f0405ffff")).isEqualTo(List.of(1, List.of(2, 3), List.of(4, 5)));
        assertThat(decoded("bf6346756ef563416d7421ff")).isEqualTo(Map.of("Fun", true, "Amt", -2));
        assertThat(decoded("c11a514b67b0")).as("tag 1 (epoch time) around its integer").isEqualTo(1363896240);
        assertThat(encoded(1.5)).isEqualTo("fb3ff8000000000000");
    }

    @Test
    void malformedPayloadsAreErrorsNotCrashes() {
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("83010203"))).isInstanceOf(SmpError.class)
                .hasMessageContaining("not a CBOR map");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b"))).hasMessageContaining("ends inside");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b01ff"))).hasMessageContaining("after the CBOR map");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a10101"))).hasMessageContaining("not a text string");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b5a7fffffff00"))).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b1c"))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b62c328"))).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("bf616b01"))).hasMessageContaining("break");
        assertThatThrownBy(() -> Cbor.decodeMap(HEX.parseHex("a1616b" + "81".repeat(40) + "00")))
                .hasMessageContaining("deeper than 32");
    }
}
