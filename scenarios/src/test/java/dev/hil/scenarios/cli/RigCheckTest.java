package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hil rig check} on the reference virtual rig: a real device process behind a real PTY. */
class RigCheckTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Run(int exit, String out) {
    }

    private Run check(String rigText) throws Exception {
        assertThat(ROOT.resolve("rigs/reference-device/target/virtual-device.jar"))
                .as("build the jars first (mvn install -DskipTests)").isRegularFile();
        Path rig = Files.writeString(tmp.resolve("rig.yaml"), rigText.replace("root: ..", "root: " + ROOT));
        StringWriter text = new StringWriter();
        var cl = Hil.commandLine();
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        int exit = cl.execute("rig", "check", "--rig", rig.toString(), "--state", tmp.resolve("state").toString());
        return new Run(exit, text.toString());
    }

    @Test
    void powerCyclesAnswersAndPulsesTheResetLine() throws Exception {
        Run r = check(Files.readString(ROOT.resolve("rigs/virtual.yaml")));

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("rig virtual: power cycled", "echo: hil rig check",
                "images: none (the device is in recovery mode", "rig virtual: OK, powered off");
        // The device program really started again: its bootloader logged after the release.
        assertThat(r.out()).containsPattern("reset line: pulsed 100 ms with power on; the device restarted \\(boot: .*\\)"
                + " and answers");
    }

    @Test
    void aRigWithoutAResetLineIsNotPulsed() throws Exception {
        String noReset = Files.readString(ROOT.resolve("rigs/virtual.yaml"))
                .replaceAll(", reset: \\{[^}]*\\}", "");
        assertThat(noReset).doesNotContain("reset: {");

        Run r = check(noReset);

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("reset line");
    }

    @Test
    void theSecondProfilesSlotInfoConfirmsItsRigProfile() throws Exception {
        Run r = check(Files.readString(ROOT.resolve("rigs/virtual-zephyr.yaml")));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("slot info: update slot of 196608 bytes, as the rig's profile states");
    }

    @Test
    void aProfileTheDeviceContradictsFailsTheCheck() throws Exception {
        Run r = check(Files.readString(ROOT.resolve("rigs/virtual-zephyr.yaml"))
                .replace("profile: {slot-size: 192KiB, sector-size: 8KiB}", "profile: {slot-size: 64KiB, sector-size: 8KiB}"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("profile.slot-size is 65536 bytes but the device reports 196608");
    }

    @Test
    void withoutAProfileTheDevicesSlotSizeIsTheLineToAdd() throws Exception {
        Run r = check(Files.readString(ROOT.resolve("rigs/virtual-zephyr.yaml"))
                .replace("profile: {slot-size: 192KiB, sector-size: 8KiB}", ""));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("add profile: {slot-size: 196608}");
    }

    @Test
    void theFirstProfileReportsNoSlotSizeAndItsProfileIsTakenAsStated() throws Exception {
        Run r = check(Files.readString(ROOT.resolve("rigs/virtual.yaml")));
        assertThat(r.out()).contains("slot info: the device does not report its slot size; profile.slot-size is taken"
                + " as stated");
    }
}
