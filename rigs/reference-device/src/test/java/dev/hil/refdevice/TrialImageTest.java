package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCUboot's test/confirm contract: a trial image gets exactly one boot unless it is confirmed. */
class TrialImageTest {
    @TempDir
    Path dir;

    @Test
    void unconfirmedTrialImageRevertsOnTheNextBoot() {
        Bench b = PowerCutSweepTest.upgradePending(dir);
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(b.log).contains("swap: start type=test sectors=2", "swap: done type=test",
                "app: running version 1.1.0");

        b.log.clear();
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.0.0");
        assertThat(b.log).anyMatch(l -> l.startsWith("swap: start type=revert"));
        assertThat(b.bootClean().running().version().toString()).as("no second revert").isEqualTo("1.0.0");
        assertThat(b.slotImage(Slot.SECONDARY).image().version().toString()).isEqualTo("1.1.0");
    }

    @Test
    void confirmedTrialImageStays() throws Exception {
        Bench b = PowerCutSweepTest.upgradePending(dir);
        VirtualDevice d = b.device(PowerFailure.NEVER);
        d.boot();
        d.confirm();
        Bench.close(d);
        assertThat(b.log).anyMatch(l -> l.startsWith("image confirmed"));

        b.log.clear();
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(b.log).noneMatch(l -> l.startsWith("swap:"));
    }

    @Test
    void erasedDeviceBootsIntoRecovery() {
        Bench b = new Bench(dir);
        BootResult r = b.bootClean();
        assertThat(r.inRecovery()).isTrue();
        assertThat(b.log).contains("boot: start", "boot: recovery (slot 0 is erased)");
    }

    @Test
    void tamperedSecondaryIsRejectedAndThePrimaryKeepsRunning() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, PowerCutSweepTest.OLD);
        byte[] tampered = PowerCutSweepTest.NEW.bytes();
        tampered[100] ^= 1;
        try (Flash f = b.flash(PowerFailure.NEVER)) {
            f.program(f.layout().offset(Slot.SECONDARY), tampered);
        }
        b.requestTest();
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.0.0");
        assertThat(b.log).anyMatch(l -> l.startsWith("boot: rejected secondary: SHA256 TLV does not match"));
        assertThat(b.trailer(Slot.SECONDARY).magic()).as("request dropped").isFalse();
    }
}
