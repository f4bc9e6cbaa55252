package dev.hil.benchsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench simulator end to end: real processes, real pseudo-terminals, the reference device. */
class BenchSimTest {
    @TempDir
    Path dir;

    @Test
    void powerOnStartsTheDeviceAndPowerOffRemovesThePortAndKillsIt() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            assertThat(sim.linkExists()).as("no port while the board is off").isFalse();
            assertThat(Files.readString(sim.gpio.resolve("gpio17/direction")).trim()).isEqualTo("in");
            assertThat(sim.gpio.resolve("gpio17/edge")).doesNotExist();
            assertThat(sim.gpio.resolve("export")).isRegularFile();

            sim.write(Sim.POWER, 1);
            sim.await("port link", () -> sim.port().isPresent());
            Path first = sim.port().orElseThrow();
            assertThat(first.toString()).matches("/dev/pts/\\d+");
            sim.awaitReady(1);
            assertThat(sim.count("line power 1 on")).isEqualTo(1);
            assertThat(sim.count("port up " + first)).isEqualTo(1);
            long pid = sim.devicePids().get(0);
            assertThat(Sim.alive(pid)).isTrue();
            byte[] answer = SmpEcho.echo(sim.link, "hi");
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).as("echo answer").contains("rbhi");

            sim.write(Sim.POWER, 0);
            sim.await("link removed at power-off", () -> !sim.linkExists());
            sim.await("device killed", () -> !Sim.alive(pid));
            assertThat(sim.count("device kill pid=" + pid)).isEqualTo(1);
            assertThat(sim.count("port down")).isEqualTo(1);

            sim.write(Sim.POWER, 1);
            sim.await("port link again", () -> sim.port().isPresent());
            assertThat(sim.port().orElseThrow()).as("a replugged USB-UART gets a new pts").isNotEqualTo(first);
            sim.awaitReady(2);
            assertThat(sim.devicePids()).hasSize(2);
        }
    }

    @Test
    void resetHeldKillsTheDeviceAndKeepsThePortAndReleaseRestartsIt() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            sim.write(Sim.POWER, 1);
            sim.awaitReady(1);
            Path port = sim.port().orElseThrow();
            long pid = sim.devicePids().get(0);

            sim.write(Sim.RESET, 0); // active low: held
            sim.await("device killed by reset", () -> !Sim.alive(pid));
            assertThat(sim.count("line reset 0 held")).isEqualTo(1);
            assertThat(sim.port()).as("the board-powered USB-UART stays in reset").contains(port);

            sim.write(Sim.RESET, 1);
            sim.awaitReady(2);
            assertThat(sim.port()).contains(port);
            assertThat(sim.count("port up")).isEqualTo(1);
            assertThat(SmpEcho.echo(sim.link, "again")).isNotEmpty();
        }
    }

    @Test
    void bootModeHeldAtStartBootsSerialRecovery() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            sim.write(Sim.BOOT_MODE, 0); // active low: held
            sim.await("boot-mode seen", () -> sim.count("line boot-mode 0 held") == 1);
            sim.write(Sim.POWER, 1);
            sim.awaitReady(1);
            assertThat(sim.deviceLogLines()).contains(
                    "boot: recovery (serial recovery requested: boot-mode pin held at reset)");
            assertThat(sim.eventLines()).anyMatch(l -> l.matches("\\d+ device start pid=\\d+ boot-mode=recovery"));

            // Released: the next start (a power cycle) boots normally (here: an erased device's recovery).
            sim.write(Sim.BOOT_MODE, 1);
            sim.write(Sim.POWER, 0);
            sim.await("link removed", () -> !sim.linkExists());
            sim.write(Sim.POWER, 1);
            sim.awaitReady(2);
            assertThat(sim.deviceLogLines()).contains("boot: recovery (slot 0 is erased)");
        }
    }

    @Test
    void benchRelayDrivesAndReadsThePowerLine() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            assertThat(Relay.run(sim.gpio, "17", "state").output()).isEqualTo("off");
            assertThat(Relay.run(sim.gpio, "17", "on").code()).isZero();
            assertThat(Relay.run(sim.gpio, "17", "state").output()).isEqualTo("on");
            sim.awaitReady(1);
            long pid = sim.devicePids().get(0);

            assertThat(Relay.run(sim.gpio, "27", "on", "--active", "low").code()).as("reset held").isZero();
            assertThat(Relay.run(sim.gpio, "27", "state", "--active", "low").output()).isEqualTo("on");
            sim.await("reset kill", () -> !Sim.alive(pid));
            assertThat(Relay.run(sim.gpio, "27", "off", "--active", "low").code()).isZero();
            sim.awaitReady(2);

            assertThat(Relay.run(sim.gpio, "17", "off").code()).isZero();
            sim.await("link removed", () -> !sim.linkExists());
            assertThat(Relay.run(sim.gpio, "17", "state").output()).isEqualTo("off");

            for (List<String> bad : List.of(List.of(sim.gpio.toString(), "17"),
                    List.of(sim.gpio.toString(), "17", "toggle"), List.of(sim.gpio.toString(), "x", "on"),
                    List.of(sim.gpio.toString(), "99", "on"), List.of(sim.gpio.toString(), "17", "on", "--active", "up"))) {
                Relay.Result r = Relay.run(bad.toArray(String[]::new));
                assertThat(r.code()).as("bench-relay " + bad).isEqualTo(2);
                assertThat(r.error()).contains("usage: bench-relay");
            }
        }
    }

    @Test
    void portStaysKeepsTheLinkAcrossAPowerCycle() throws Exception {
        try (Sim sim = Sim.start(dir, "--port-stays")) {
            sim.await("port up at start", () -> sim.port().isPresent());
            Path port = sim.port().orElseThrow();
            sim.write(Sim.POWER, 1);
            sim.awaitReady(1);
            long pid = sim.devicePids().get(0);
            sim.write(Sim.POWER, 0);
            sim.await("device killed", () -> !Sim.alive(pid));
            assertThat(sim.port()).as("an external adapter stays").contains(port);
            sim.write(Sim.POWER, 1);
            sim.awaitReady(2);
            assertThat(sim.port()).contains(port);
            assertThat(sim.count("port down")).isZero();
            assertThat(SmpEcho.echo(sim.link, "stays")).isNotEmpty();
        }
    }

    @Test
    void sigtermLeavesNoDeviceAndNoLink() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            sim.write(Sim.POWER, 1);
            sim.awaitReady(1);
            long pid = sim.devicePids().get(0);
            assertThat(sim.terminate()).as("exit status on SIGTERM").isZero();
            assertThat(Sim.alive(pid)).isFalse();
            assertThat(sim.linkExists()).isFalse();
            assertThat(sim.eventLines().get(sim.eventLines().size() - 1)).endsWith(" sim stop");
        }
    }

    @Test
    void powerOffKillsWhatTheDeviceStartedToo() throws Exception {
        List<String> device = List.of("sh", "-c", "sleep 1000 & echo child=$! >&2; wait");
        try (Sim sim = Sim.start(dir, device)) {
            sim.write(Sim.POWER, 1);
            sim.await("child started", () -> sim.deviceLogLines().stream().anyMatch(l -> l.startsWith("child=")));
            long child = Long.parseLong(sim.deviceLogLines().stream().filter(l -> l.startsWith("child="))
                    .findFirst().orElseThrow().substring("child=".length()));
            long pid = sim.devicePids().get(0);
            assertThat(Sim.alive(child)).isTrue();
            sim.write(Sim.POWER, 0);
            sim.await("device and its child killed", () -> !Sim.alive(pid) && !Sim.alive(child));
        }
    }

    @Test
    void sigkillOfTheSimTakesTheReferenceDeviceWithIt() throws Exception {
        try (Sim sim = Sim.start(dir)) {
            sim.write(Sim.POWER, 1);
            sim.awaitReady(1);
            long pid = sim.devicePids().get(0);
            sim.process.destroyForcibly();
            // No hook runs: the device sees EOF on its UART (stdin) and halts; socat sees EOF and exits.
            sim.await("device halted after the sim died", () -> !Sim.alive(pid));
        }
    }

    @Test
    void badArgumentsExitTwoWithAReason() throws Exception {
        List<String> cmd = new java.util.ArrayList<>(Sim.simCommand());
        cmd.addAll(List.of("--gpio", dir.toString(), "--events", dir.resolve("e").toString(), "--power-line", "17",
                "--", "true"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).startsWith("bench-sim: --gpio, --port-link, --events and --power-line are required");
    }
}
