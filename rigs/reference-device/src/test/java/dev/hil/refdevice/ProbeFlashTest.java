package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debug-probe flasher: chip erase, program slot 0, and the next boot runs the image. */
class ProbeFlashTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int probe(String... args) {
        return ProbeFlash.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void programmedImageBootsAndEverythingElseIsErased() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, PowerCutSweepTest.OLD);
        b.install(Slot.SECONDARY, PowerCutSweepTest.NEW);
        b.requestTest();
        Path image = dir.resolve("app.signed");
        Files.write(image, PowerCutSweepTest.NEW.bytes());

        assertThat(probe("--state", dir.toString(), "--image", image.toString(),
                "--slot-sectors", String.valueOf(Bench.SLOT_SECTORS))).isZero();

        assertThat(b.slotImage(Slot.SECONDARY).present()).as("secondary erased").isFalse();
        assertThat(b.trailer(Slot.SECONDARY).magic()).as("pending request erased").isFalse();
        BootResult r = b.bootClean();
        assertThat(r.inRecovery()).isFalse();
        assertThat(r.running().version().toString()).isEqualTo(PowerCutSweepTest.NEW.version().toString());
        assertThat(b.log).noneMatch(l -> l.startsWith("swap:"));
    }

    @Test
    void erasedDeviceIsProgrammedToo() {
        Path image = dir.resolve("app.signed");
        try {
            Files.write(image, PowerCutSweepTest.OLD.bytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(probe("--state", dir.resolve("fresh").toString(), "--image", image.toString(),
                "--slot-sectors", String.valueOf(Bench.SLOT_SECTORS))).isZero();
        Bench b = new Bench(dir.resolve("fresh"));
        assertThat(b.bootClean().running().version().toString())
                .isEqualTo(PowerCutSweepTest.OLD.version().toString());
    }

    @Test
    void imageLargerThanTheSlotExitsOneAndLeavesTheFlash() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, PowerCutSweepTest.OLD);
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[(Bench.SLOT_SECTORS - 1) * FlashLayout.DEFAULT_SECTOR + 1]);

        assertThat(probe("--state", dir.toString(), "--image", big.toString(),
                "--slot-sectors", String.valueOf(Bench.SLOT_SECTORS))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("larger than the primary slot");
        assertThat(b.bootClean().running().version().toString())
                .isEqualTo(PowerCutSweepTest.OLD.version().toString());
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(probe("--state", dir.toString())).isEqualTo(2);
        assertThat(probe("--image")).isEqualTo(2);
        assertThat(probe("--state", dir.toString(), "--image", "x", "--slot-sectors", "1")).isEqualTo(2);
        assertThat(probe("--state", dir.toString(), "--image", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(probe("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(ProbeFlash.USAGE);
    }
}
