package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The second profile's log: Zephyr's uptime stamp, level and module, and MCUboot's own words. */
class ZephyrLogTest {
    @Test
    void eachLineCarriesTheUptimeSinceBootLevelAndModule() {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        List<String> lines = new ArrayList<>();
        ZephyrLog log = new ZephyrLog(lines::add, clock::get);
        clock.addAndGet(3_723_456_789_000L); // 1 h 2 min 3.456789 s after boot
        log.event("boot: start");
        assertThat(lines).containsExactly("[01:02:03.456,789] <inf> mcuboot: Starting bootloader");
    }

    @Test
    void theFirstProfilesEventsReadAsMcubootAndImgMgmtLines() {
        assertThat(ZephyrLog.rewrite("verify: start slot 1 version 1.1.0"))
                .isEqualTo("<dbg> mcuboot: Checking the image in slot 1 (version 1.1.0)");
        assertThat(ZephyrLog.rewrite("verify: done slot 1 ok in 3.2 ms"))
                .isEqualTo("<dbg> mcuboot: Image check of slot 1 complete: ok in 3.2 ms");
        assertThat(ZephyrLog.rewrite("swap: start type=test sectors=3"))
                .isEqualTo("<inf> mcuboot: Starting swap using scratch algorithm (swap type test, 3 sectors)");
        assertThat(ZephyrLog.rewrite("swap: progress 50%")).isEqualTo("<dbg> mcuboot: Swap is 50 percent done");
        assertThat(ZephyrLog.rewrite("boot: slot 0 version 1.1.0 hash ab12"))
                .isEqualTo("<inf> mcuboot: Jumping to the image in slot 0: version 1.1.0, hash ab12");
        assertThat(ZephyrLog.rewrite("image confirmed version 1.1.0 hash ab12"))
                .isEqualTo("<inf> img_mgmt: Running image confirmed: version 1.1.0 hash ab12");
        assertThat(ZephyrLog.rewrite("flash: erase sector 17")).isEqualTo("<dbg> flash_sim: erase of sector 17");
        assertThat(ZephyrLog.rewrite("flash: write sector 3 off 256 len 256"))
                .isEqualTo("<dbg> flash_sim: program of sector 3 at offset 256, 256 bytes");
        assertThat(ZephyrLog.rewrite("smp: dropped frame: CRC mismatch"))
                .isEqualTo("<wrn> smp_uart: Frame discarded: CRC mismatch");
        assertThat(ZephyrLog.rewrite("boot: rejected secondary: bad signature"))
                .isEqualTo("<err> mcuboot: Image in the secondary slot is not valid: bad signature");
    }

    @Test
    void noLineKeepsTheFirstProfilesText() {
        for (String event : List.of("boot: start", "boot: slot 0 version 1.0.0 hash 00", "verify: start slot 0 version 1.0.0",
                "verify: done slot 0 ok in 1.0 ms", "swap: start type=test sectors=2", "swap: progress 50%",
                "swap: done type=test", "image confirmed version 1.0.0 hash 00", "flash: erase sector 1",
                "flash: write sector 1 off 0 len 16", "smp: dropped frame: x", "app: running version 1.0.0")) {
            String line = ZephyrLog.rewrite(event);
            assertThat(line).as(event).matches("<(inf|dbg|wrn|err)> [a-z_]+: .+").doesNotContain(event);
        }
        assertThat(ZephyrLog.rewrite("app: running version 1.0.0"))
                .isEqualTo("<inf> app: *** Booting application version 1.0.0 ***");
        assertThat(ZephyrLog.rewrite("something new")).isEqualTo("<inf> main: something new");
    }
}
