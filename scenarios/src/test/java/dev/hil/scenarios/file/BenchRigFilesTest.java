package dev.hil.scenarios.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hil.core.rig.DeviceProfile;
import dev.hil.core.rig.ProvisionSpec;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rig files of real benches: the shipped ones load as documented; mistakes are named at file:line. */
class BenchRigFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("hil.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theSimulatedBenchOverLinuxfs() throws Exception {
        RigSpec rig = RigFiles.load(ROOT.resolve("rigs/bench-sim.yaml"));
        assertThat(rig.device().kind()).isEqualTo("serial");
        assertThat(rig.device().port().path()).isEqualTo(ROOT.resolve(
                "target/bench-sim/dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0"));
        assertThat(rig.device().port().log()).isEqualTo(ROOT.resolve("target/bench-sim/device.log"));
        assertThat(rig.power().provider()).isEqualTo("linuxfs");
        assertThat(rig.power().wiring().gpioRoot()).isEqualTo(ROOT.resolve("target/bench-sim/gpio"));
        assertThat(rig.power().reset()).isEqualTo(new RigSpec.ResetSpec(27, false));
        assertThat(rig.power().wiring().bootMode()).isEqualTo(new RigSpec.ResetSpec(22, false));
        assertThat(rig.provision().strategy()).isEqualTo(ProvisionSpec.Strategy.RECOVERY);
        assertThat(rig.profile()).isEqualTo(new DeviceProfile(64 * 1024, 4096));
        assertThat(rig.portBudget()).isEqualTo(Duration.ofSeconds(5));
        assertThat(rig.wiredCapabilities()).contains(RigCapability.resetLine(), RigCapability.bootModeLine());
    }

    @Test
    void theSimulatedBenchOverTheRelayCli() throws Exception {
        RigSpec rig = RigFiles.load(ROOT.resolve("rigs/bench-sim-command.yaml"));
        assertThat(rig.power().kind()).isEqualTo("command");
        assertThat(rig.power().wiring().command().on()).containsExactly("rigs/bench-sim/bench-relay",
                "target/bench-sim/gpio", "17", "on");
        assertThat(rig.power().wiring().command().resetHold()).endsWith("on", "--active", "low");
        assertThat(rig.power().hasResetLine()).isTrue();
        assertThat(rig.power().hasBootModeLine()).isTrue();
    }

    @Test
    void theRaspberryPiExampleLoads() throws Exception {
        RigSpec rig = RigFiles.load(ROOT.resolve("rigs/raspberry-pi.example.yaml"));
        assertThat(rig.power().provider()).isEqualTo("gpiod");
        assertThat(rig.power().activeHigh()).isFalse();
        assertThat(rig.power().wiring().settleOn()).isEqualTo(Duration.ofMillis(20));
        assertThat(rig.power().wiring().settleOff()).isEqualTo(Duration.ofMillis(200));
        assertThat(rig.profile().slotSize()).isEqualTo(472 * 1024);
        assertThat(rig.safeState().powered()).isFalse();
    }

    @Test
    void aSerialBoardDefaultsToTheUpdateStrategyAndAProcessToErase() throws Exception {
        assertThat(RigFiles.load(write(BENCH.replace("provision: {strategy: recovery}\n", ""))).provision())
                .isEqualTo(ProvisionSpec.UPDATE);
        assertThat(RigFiles.load(ROOT.resolve("rigs/virtual.yaml")).provision()).isEqualTo(ProvisionSpec.ERASE);
    }

    @Test
    void mistakesAreNamedWhereTheyAre() throws Exception {
        assertThat(errors(BENCH.replace("  boot-mode: {pin: 22}\n", ""))).containsExactly(at(13, 23)
                + "provision.strategy: recovery needs a boot-mode line (power.boot-mode) to enter the bootloader's serial recovery");
        assertThat(errors(BENCH.replace("{strategy: recovery}", "{strategy: command, command: [pyocd, flash]}")))
                .containsExactly(at(14, 41) + "provision.command: names no ${image} (the flasher must be told which image to write)");
        assertThat(errors(BENCH.replace("slot-size: 64KiB", "slot-size: 64 kB"))).containsExactly(at(15, 22)
                + "profile.slot-size: '64 kB' is not a size (write bytes, or e.g. 60KiB, 1MiB)");
        assertThat(errors(BENCH.replace("slot-size: 64KiB", "slot-size: 62KiB"))).containsExactly(at(15, 10)
                + "profile: slot size 63488 is not a whole number of 4096-byte sectors");
        assertThat(errors(BENCH.replace("  kind: pi4j\n  provider: linuxfs\n", "  kind: command\n  on: [relay, on]\n  off: [relay, off]\n")))
                .anyMatch(m -> m.contains("power.reset: a command driver takes hold/release commands"));
        assertThat(errors(BENCH.replace("{strategy: recovery}", "{strategy: erase}"))).containsExactly(at(14, 23)
                + "provision.strategy: a serial board cannot be erased from the harness (use update, recovery or command)");
        assertThat(errors(BENCH.replace("  port: /dev/null\n", ""))).containsExactly(at(3, 3)
                + "missing required key 'device.port'");
    }

    private static final String BENCH = """
            name: bench
            device:
              kind: serial
              port: /dev/null
            protocol: smp
            power:
              kind: pi4j
              provider: linuxfs
              pin: 17
              reset: {pin: 27}
              boot-mode: {pin: 22}
            keys: {trust: key.pem}
            budgets: {port: 2s}
            provision: {strategy: recovery}
            profile: {slot-size: 64KiB, sector-size: 4KiB}
            """;

    private Path write(String yaml) throws IOException {
        Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n");
        Path f = tmp.resolve("bench.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private List<String> errors(String yaml) throws IOException {
        Path f = write(yaml);
        InputError e = catchThrowableOfType(InputError.class, () -> RigFiles.load(f));
        assertThat(e).as("expected an InputError for:%n%s", yaml).isNotNull();
        return e.all().stream().map(Throwable::getMessage).toList();
    }

    private String at(int line, int column) {
        return tmp.resolve("bench.yaml") + ":" + line + ":" + column + ": ";
    }
}
