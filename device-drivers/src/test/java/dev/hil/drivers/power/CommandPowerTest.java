package dev.hil.drivers.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.RigFault;
import dev.hil.core.rig.RigSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command driver runs real processes: a relay CLI's exit code and output decide. */
class CommandPowerTest {
    @TempDir
    Path dir;

    private RigSpec rig(List<String> on, List<String> off, List<String> state, List<String> hold, List<String> release) {
        BenchWiring wiring = new BenchWiring(null, null, Duration.ZERO, Duration.ZERO,
                new BenchWiring.CommandSpec(on, off, List.of(), state, hold, release, List.of(), List.of()), null);
        return new RigSpec(dir.resolve("rig.yaml"), dir, "cmd", new RigSpec.DeviceSpec("serial", List.of(), "pty", 0),
                "smp", new RigSpec.PowerSpec("command", "", 0, true, null, wiring), dir.resolve("k.pem"),
                Duration.ofSeconds(1), Map.of());
    }

    @Test
    void onOffAndStateGoThroughTheCommandsInTheRigRoot() throws Exception {
        List<String> write = List.of("sh", "-c", "echo $0 > relay", "on");
        List<String> clear = List.of("sh", "-c", "echo off > relay");
        List<String> state = List.of("cat", "relay");
        try (BenchLines lines = new CommandPower().open(rig(write, clear, state,
                List.of("sh", "-c", "echo held > reset"), List.of("sh", "-c", "echo released > reset")))) {
            lines.supply().drive(true);
            assertThat(Files.readString(dir.resolve("relay")).trim()).isEqualTo("on");
            assertThat(lines.supply().active()).isTrue();
            lines.supply().drive(false);
            assertThat(lines.supply().active()).as("read back through the state command").isFalse();
            lines.resetLine().orElseThrow().drive(true);
            assertThat(Files.readString(dir.resolve("reset")).trim()).isEqualTo("held");
            assertThat(lines.bootModeLine()).isEmpty();
        }
    }

    @Test
    void aFailingRelayCommandIsARigFaultWithWhatItSaid() {
        BenchLines lines = new CommandPower().open(rig(List.of("sh", "-c", "echo relay board not found >&2; exit 3"),
                List.of("true"), List.of(), List.of(), List.of()));
        assertThatThrownBy(() -> lines.supply().drive(true)).isInstanceOf(RigFault.class)
                .hasMessageContaining("exited with 3").hasMessageContaining("relay board not found");
    }

    @Test
    void aMissingRelayProgramIsARigFault() {
        BenchLines lines = new CommandPower().open(rig(List.of("/nonexistent/usbrelay", "1"), List.of("true"),
                List.of(), List.of(), List.of()));
        assertThatThrownBy(() -> lines.supply().drive(true)).isInstanceOf(RigFault.class)
                .hasMessageContaining("cannot start [/nonexistent/usbrelay, 1]");
    }
}
