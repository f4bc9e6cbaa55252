package dev.hil.drivers.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pi4J's gpiod provider (Pi OS Bookworm) on a real kernel GPIO chip. It needs /dev/gpiochip*,
 * which only a Pi (or another board with GPIO) has, and a line that is safe to toggle, named with
 * {@code -Dhil.gpiod.pin=N} (a spare BCM pin: the test drives it high and low). Elsewhere it skips
 * and says why; the linuxfs provider is tested in CI on the simulated bench instead.
 */
class GpiodOnAPiTest {
    @Test
    void gpiodDrivesARealLineHighAndLow() throws IOException {
        boolean chip;
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            chip = dev.anyMatch(p -> p.getFileName().toString().startsWith("gpiochip"));
        }
        assumeTrue(chip, "no /dev/gpiochip* on this machine: the gpiod provider needs a kernel GPIO chip (a Pi)");
        String pin = System.getProperty("hil.gpiod.pin");
        assumeTrue(pin != null, "a GPIO chip is present, but no spare line was named: run with -Dhil.gpiod.pin=N");
        RigSpec spec = new RigSpec(Path.of("pi.yaml"), Path.of("."), "pi", new RigSpec.DeviceSpec("serial",
                java.util.List.of(), "pty", 115200), "smp", new RigSpec.PowerSpec("pi4j", "gpiod",
                Integer.parseInt(pin), true), Path.of("k.pem"), java.time.Duration.ofSeconds(1), java.util.Map.of());
        try (BenchLines lines = new Pi4jPower().open(spec)) {
            lines.supply().drive(true);
            assertThat(lines.supply().active()).isTrue();
            lines.supply().drive(false);
            assertThat(lines.supply().active()).isFalse();
        }
    }
}
