package dev.hil.scenarios.file;

import dev.hil.core.rig.RigSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RigFilesTest {
    private static final String VALID = """
            name: virtual
            root: ..
            device:
              kind: process
              command: [java, -jar, rigs/reference-device/target/virtual-device.jar, --state, "${state}"]
              serial: pty
            protocol: smp
            power: {kind: pi4j, provider: mock, pin: 17, active: low}
            keys: {trust: keys/test-signing.pub.pem}
            budgets: {boot: 2.5s}
            phases:
              swap: "swap: start"
              confirm: "image confirmed"
            """;

    @TempDir
    Path tmp;
    Path file;

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(tmp.resolve("rigs"));
        Files.createDirectories(tmp.resolve("keys"));
        Files.writeString(tmp.resolve("keys/test-signing.pub.pem"), "-----BEGIN PUBLIC KEY-----\n");
        file = tmp.resolve("rigs/virtual.yaml");
    }

    private List<String> errors(String yaml) throws IOException {
        Files.writeString(file, yaml);
        InputError e = catchThrowableOfType(InputError.class, () -> RigFiles.load(file));
        assertThat(e).as("expected an InputError").isNotNull();
        return e.all().stream().map(Throwable::getMessage).toList();
    }

    private String at(int line, int column) {
        return file + ":" + line + ":" + column + ": ";
    }

    @Test
    void validRigLoads() throws Exception {
        Files.writeString(file, VALID);
        RigSpec rig = RigFiles.load(file);

        assertThat(rig).isEqualTo(new RigSpec(file, tmp, "virtual",
                new RigSpec.DeviceSpec("process",
                        List.of("java", "-jar", "rigs/reference-device/target/virtual-device.jar", "--state", "${state}"),
                        "pty", 115_200),
                "smp", new RigSpec.PowerSpec("pi4j", "mock", 17, false),
                tmp.resolve("keys/test-signing.pub.pem"), Duration.ofMillis(2500),
                Map.of("swap", "swap: start", "confirm", "image confirmed")));
    }

    @Test
    void defaultsWithoutRootBudgetsAndPhases() throws Exception {
        Files.createDirectories(tmp.resolve("rigs/keys"));
        Files.writeString(tmp.resolve("rigs/keys/test-signing.pub.pem"), "key");
        Files.writeString(file, VALID.replace("root: ..\n", "").replace("budgets: {boot: 2.5s}\n", "")
                .replace("  serial: pty\n", "  baud: unlimited\n").replace(", active: low", "")
                .replaceAll("phases:[\\s\\S]*", ""));
        RigSpec rig = RigFiles.load(file);

        assertThat(rig.root()).isEqualTo(tmp.resolve("rigs"));
        assertThat(rig.trustKey()).isEqualTo(tmp.resolve("rigs/keys/test-signing.pub.pem"));
        assertThat(rig.device().serial()).isEqualTo("pty");
        assertThat(rig.device().baud()).isZero();
        assertThat(rig.power().activeHigh()).isTrue();
        assertThat(rig.bootBudget()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rig.phases()).isEmpty();
    }

    private static final String POWER = "power: {kind: pi4j, provider: mock, pin: 17, active: low}";

    private String withReset(String reset) {
        return VALID.replace(POWER, POWER.replace("}", ", reset: " + reset + "}"));
    }

    @Test
    void resetLineLoadsWithItsActiveLevelDefaultingToLow() throws Exception {
        Files.writeString(file, withReset("{pin: 27, active: high}"));
        assertThat(RigFiles.load(file).power()).isEqualTo(new RigSpec.PowerSpec("pi4j", "mock", 17, false,
                new RigSpec.ResetSpec(27, true)));

        Files.writeString(file, withReset("{pin: 27}"));
        RigSpec.PowerSpec power = RigFiles.load(file).power();
        assertThat(power.resetLine()).contains(new RigSpec.ResetSpec(27, false));

        Files.writeString(file, VALID);
        assertThat(RigFiles.load(file).power().resetLine()).isEmpty();
    }

    @Test
    void resetPinOnThePowerPinIsRefusedAtTheResetPin() throws IOException {
        // power: {kind: pi4j, provider: mock, pin: 17, active: low, reset: {pin: 17}}
        //                                                                       ^ column 72
        assertThat(errors(withReset("{pin: 17}")))
                .containsExactly(at(8, 72) + "power.reset.pin: 17 is the power pin (the reset line needs a GPIO output of its own)");
    }

    @Test
    void badResetValuesAtTheirPlace() throws IOException {
        assertThat(errors(withReset("{pin: -1}")))
                .containsExactly(at(8, 72) + "power.reset.pin: '-1' is not a GPIO pin (write its BCM number, e.g. 27)");
        assertThat(errors(withReset("{pin: 27, active: sideways}")))
                .containsExactly(at(8, 84) + "power.reset.active: 'sideways' is not one of high, low");
        assertThat(errors(withReset("{active: low}")))
                .containsExactly(at(8, 66) + "missing required key 'power.reset.pin'");
        assertThat(errors(withReset("{pin: 27, level: low}")))
                .containsExactly(at(8, 76) + "unknown key 'power.reset.level' (known: pin, active, hold, release)");
        assertThat(errors(withReset("27")))
                .containsExactly(at(8, 66) + "power.reset: expected a map, got the number 27");
    }

    @Test
    void badPhaseRegexAtItsValue() throws IOException {
        assertThat(errors(VALID.replace("\"swap: start\"", "\"swap: (start\"")))
                .containsExactly(at(12, 9) + "phases.swap: 'swap: (start' is not a regular expression (Unclosed group near index 12)");
    }

    @Test
    void badBaud() throws IOException {
        assertThat(errors(VALID.replace("  serial: pty\n", "  baud: fast\n")))
                .containsExactly(at(6, 9) + "device.baud: 'fast' is not a baud rate (write a positive whole number such as 115200, or unlimited)");
        assertThat(errors(VALID.replace("  serial: pty\n", "  baud: 0\n")))
                .containsExactly(at(6, 9) + "device.baud: '0' is not a baud rate (write a positive whole number such as 115200, or unlimited)");
    }

    @Test
    void missingTrustKeyAtItsValue() throws IOException {
        Files.delete(tmp.resolve("keys/test-signing.pub.pem"));
        assertThat(errors(VALID)).containsExactly(at(9, 15) + "keys.trust: 'keys/test-signing.pub.pem' does not exist (looked for "
                + tmp.resolve("keys/test-signing.pub.pem") + ")");
    }

    @Test
    void processRigNeedsACommandAndKnownKinds() throws IOException {
        assertThat(errors(VALID.replace("  command: [java, -jar, rigs/reference-device/target/virtual-device.jar, --state, \"${state}\"]\n", "")
                .replace("protocol: smp", "protocol: xmodem")))
                .containsExactly(at(4, 3) + "missing required key 'device.command'",
                        at(6, 11) + "protocol 'xmodem' has no protocol provider (available: smp, uboot)");
    }

    @Test
    void aDeviceKindWithoutBoardProviderIsNamedWithTheProvidersThereAre() throws IOException {
        assertThat(errors(VALID.replace("kind: process", "kind: container")))
                .containsExactly(at(4, 9) + "device kind 'container' has no board provider (available: process, qemu, serial)");
    }

    @Test
    void badBootBudget() throws IOException {
        assertThat(errors(VALID.replace("boot: 2.5s", "boot: 2.5 hours")))
                .containsExactly(at(10, 17) + "budgets.boot: '2.5 hours' is not a duration (write e.g. 500ms, 1.5s, 2m)");
    }
}
