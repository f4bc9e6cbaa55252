package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureCheckTimesTest {
    private final Map<String, String> phases = Map.of("verify", "verify: start", "verified", "verify: done",
            "boot", "boot: slot");

    @Test
    void aCheckRunsFromTheVerifyLineToTheNextVerifiedLine() {
        SignatureCheckTimes t = new SignatureCheckTimes(phases);
        t.line(1_000_000, "boot: start");
        t.line(2_000_000, "verify: start slot 1");
        t.line(3_000_000, "flash: read");
        t.line(9_500_000, "verify: done slot 1 ok");
        t.line(10_000_000, "verify: start slot 0");
        t.line(12_000_000, "verify: done slot 0 ok");

        assertThat(t.checks()).extracting(SignatureCheckTimes.Check::took)
                .containsExactly(Duration.ofNanos(7_500_000), Duration.ofNanos(2_000_000));
        assertThat(t.checks().get(0).startLine()).isEqualTo("verify: start slot 1");
        assertThat(t.checks().get(0).endLine()).isEqualTo("verify: done slot 1 ok");
    }

    @Test
    void aCheckCutShortByPowerLossIsNotMeasured() {
        SignatureCheckTimes t = new SignatureCheckTimes(phases);
        t.line(1, "verify: start slot 1");
        // power cut: the device restarts and checks again
        t.line(5_000_000_000L, "verify: start slot 1");
        t.line(5_010_000_000L, "verify: done slot 1 ok");
        t.line(6_000_000_000L, "verify: done slot 1 ok"); // a stray end without a start counts for nothing

        assertThat(t.checks()).singleElement().extracting(SignatureCheckTimes.Check::took)
                .isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aRigWithoutBothPhasesIsRefusedNamingWhatItMaps() {
        assertThatThrownBy(() -> new SignatureCheckTimes(Map.of("verify", "verify: start", "boot", "boot")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no phase 'verified'").hasMessageContaining("verify");
    }
}
