package dev.hil.faults;

import static dev.hil.faults.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultParametersTest {
    private static final Map<String, Object> AT = Map.of("bytes", 10);

    private static Map<String, Object> p(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everyLinkAndPowerFaultIsInTheCatalog() {
        assertThat(FaultBench.CATALOG.kinds()).contains("link-drop", "corrupt", "delay", "truncate", "stall",
                "duplicate", "garbage", "power-cut", "brownout", "reset");
    }

    @Test
    void badParametersAreReportedWithFileLineAndReason() {
        assertThatThrownBy(() -> fault("corrupt", p("at", AT, "bits", 1, "bytes", 2)))
                .hasMessage("s.yaml:3:5: corrupt: corrupt needs exactly one of 'bits' or 'bytes'"
                        + " (bits: N flips one bit in each of N bytes, bytes: N replaces N bytes)");
        assertThatThrownBy(() -> fault("corrupt", p("at", AT)))
                .hasMessageContaining("needs exactly one of 'bits' or 'bytes'");
        assertThatThrownBy(() -> fault("corrupt", p("at", AT, "bits", 0)))
                .hasMessageContaining("'bits' must be a whole number from 1 to 1024, got 0");
        assertThatThrownBy(() -> fault("corrupt", p("at", AT, "bits", 1, "seed", "abc")))
                .hasMessageContaining("'seed' must be a whole number");
        assertThatThrownBy(() -> fault("corrupt", p("bits", 1)))
                .hasMessageContaining("corrupt needs 'at'");
        assertThatThrownBy(() -> fault("link-drop", p("at", AT, "for", "2s", "direction", "up")))
                .hasMessageContaining("'direction' must be one of host-to-device, device-to-host, both; got up");
        assertThatThrownBy(() -> fault("link-drop", p("at", AT, "for", "2s", "bytes", 4)))
                .hasMessageContaining("exactly one of 'for' or 'bytes'");
        assertThatThrownBy(() -> fault("link-drop", p("at", AT, "for", "soon")))
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> fault("stall", p("at", AT)))
                .hasMessageContaining("stall needs 'for'");
        assertThatThrownBy(() -> fault("stall", p("at", AT, "for", "0s")))
                .hasMessageContaining("'for' must be longer than 0");
        assertThatThrownBy(() -> fault("delay", p("jitter", 5)))
                .hasMessageContaining("delay needs 'ms'");
        assertThatThrownBy(() -> fault("delay", p("ms", -1)))
                .hasMessageContaining("'ms' must be >= 0 ms");
        assertThatThrownBy(() -> fault("garbage", p("at", AT)))
                .hasMessageContaining("garbage needs 'bytes'");
        assertThatThrownBy(() -> fault("garbage", p("at", AT, "bytes", 5000)))
                .hasMessageContaining("from 1 to 1024");
        assertThatThrownBy(() -> fault("truncate", p("at", AT, "for", "1s")))
                .hasMessageContaining("truncate has no parameter 'for' (it takes: at)");
        assertThatThrownBy(() -> fault("duplicate", p("at", Map.of("transferred", "150%"))))
                .hasMessageContaining("more than 100%");
        assertThatThrownBy(() -> fault("brownout", p("at", AT)))
                .hasMessageContaining("brownout needs 'off-for'");
        assertThatThrownBy(() -> fault("brownout", p("at", AT, "off-for", "200ms", "repeat", 3)))
                .hasMessageContaining("needs 'every'");
        assertThatThrownBy(() -> fault("brownout", p("at", AT, "off-for", "200ms", "repeat", 3, "every", "100ms")))
                .hasMessageContaining("must be longer than 'off-for'");
        assertThatThrownBy(() -> fault("reset", p("at", AT, "off-for", "1s")))
                .hasMessageContaining("reset has no parameter 'off-for' (it takes: at, hold)");
    }

    @Test
    void delayWithoutAtStartsWithTheUpdate() {
        assertThat(fault("delay", p("ms", 5)).trigger().describe()).isEqualTo("update start");
        assertThat(fault("delay", p("ms", "5ms", "at", AT)).trigger().describe()).isEqualTo("bytes 10");
    }
}
