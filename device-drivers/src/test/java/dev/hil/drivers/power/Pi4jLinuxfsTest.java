package dev.hil.drivers.power;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.RigSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pi4J's real linuxfs provider writing a sysfs-shaped GPIO folder (what /sys/class/gpio is on an
 * older Pi kernel): the levels the rig file's {@code active} settings ask for land in the files.
 */
class Pi4jLinuxfsTest {
    @TempDir
    Path gpio;

    @Test
    void supplyResetAndBootModeLinesWriteTheirLevels() throws Exception {
        Files.writeString(gpio.resolve("export"), "");
        Files.writeString(gpio.resolve("unexport"), "");
        for (int line : List.of(17, 27, 22)) {
            Path d = Files.createDirectories(gpio.resolve("gpio" + line));
            Files.writeString(d.resolve("direction"), "in");
            Files.writeString(d.resolve("value"), "0");
            Files.writeString(d.resolve("active_low"), "0");
        }
        BenchWiring wiring = new BenchWiring(gpio, new RigSpec.ResetSpec(22, false), Duration.ZERO, Duration.ZERO,
                null, null);
        RigSpec spec = new RigSpec(gpio.resolve("rig.yaml"), gpio, "lfs", new RigSpec.DeviceSpec("serial", List.of(),
                "pty", 0), "smp", new RigSpec.PowerSpec("pi4j", "linuxfs", 17, false, new RigSpec.ResetSpec(27, false),
                wiring), gpio.resolve("k.pem"), Duration.ofSeconds(1), Map.of());
        try (BenchLines lines = new Pi4jPower().open(spec)) {
            assertThat(Files.readString(gpio.resolve("gpio17/direction")).trim()).isEqualTo("out");
            assertThat(value(17)).as("supply off at open (active low: high)").isEqualTo("1");
            lines.supply().drive(true);
            assertThat(value(17)).isEqualTo("0");
            lines.resetLine().orElseThrow().drive(true);
            assertThat(value(27)).as("nRESET held").isEqualTo("0");
            lines.resetLine().orElseThrow().drive(false);
            assertThat(value(27)).isEqualTo("1");
            lines.bootModeLine().orElseThrow().drive(true);
            assertThat(value(22)).isEqualTo("0");
        }
        assertThat(value(17)).as("closing leaves the supply off").isEqualTo("1");
        assertThat(value(22)).as("and the boot-mode strap released").isEqualTo("1");
    }

    private String value(int line) throws Exception {
        return Files.readString(gpio.resolve("gpio" + line + "/value")).trim();
    }
}
