package dev.hil.drivers.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.image.FirmwareImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each seeded defect changes exactly the behaviour it names; the correct device is the control. */
class DefectTest {
    static final FirmwareImage V1 = PowerCutSweepTest.OLD;
    static final FirmwareImage V2 = PowerCutSweepTest.NEW;

    @TempDir
    Path dir;

    private String versionAfterTwoBoots(Defect... defects) throws IOException {
        Path d = Files.createDirectories(dir.resolve(defects.length == 0 ? "correct" : "defective"));
        Bench b = PowerCutSweepTest.upgradePending(d, defects);
        assertThat(b.bootClean().running().hashHex()).isEqualTo(V2.hashHex());
        return b.bootClean().running().version().toString();
    }

    @Test
    void confirmBeforeVerifyKeepsAnUncheckedTrialImage() throws IOException {
        assertThat(versionAfterTwoBoots()).isEqualTo("1.0.0");
        assertThat(versionAfterTwoBoots(Defect.CONFIRM_BEFORE_VERIFY)).isEqualTo("1.1.0");
    }

    private Bench secondaryRequested(String name, FirmwareImage primary, FirmwareImage secondary, Defect... defects)
            throws IOException {
        Bench b = new Bench(Files.createDirectories(dir.resolve(name)), defects);
        b.install(Slot.PRIMARY, primary);
        b.install(Slot.SECONDARY, secondary);
        b.requestTest();
        return b;
    }

    @Test
    void acceptUnsignedBootsAnUnsignedImage() throws IOException {
        FirmwareImage unsigned = Bench.unsigned("1.2.0", 5000, 3);
        Bench correct = secondaryRequested("correct", V1, unsigned);
        assertThat(correct.bootClean().running().version().toString()).isEqualTo("1.0.0");
        assertThat(correct.log).anyMatch(l -> l.startsWith("boot: rejected secondary: image is unsigned"));

        Bench defective = secondaryRequested("defective", V1, unsigned, Defect.ACCEPT_UNSIGNED);
        assertThat(defective.bootClean().running().version().toString()).isEqualTo("1.2.0");
    }

    @Test
    void acceptUnsignedStillRejectsABadHash() {
        byte[] bytes = Bench.unsigned("1.2.0", 5000, 3).bytes();
        bytes[200] ^= 0x40;
        Bench b = new Bench(dir, Defect.ACCEPT_UNSIGNED);
        b.install(Slot.PRIMARY, V1);
        try (Flash f = b.flash(PowerFailure.NEVER)) {
            f.program(f.layout().offset(Slot.SECONDARY), bytes);
            SlotTrailer.writeRequest(f, false);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.0.0");
    }

    @Test
    void acceptDowngradeBootsALowerVersion() throws IOException {
        Bench correct = secondaryRequested("correct", V2, V1);
        assertThat(correct.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(correct.log).contains("boot: rejected secondary: downgrade from 1.1.0 to 1.0.0");

        Bench defective = secondaryRequested("defective", V2, V1, Defect.ACCEPT_DOWNGRADE);
        assertThat(defective.bootClean().running().version().toString()).isEqualTo("1.0.0");
    }

    @Test
    void unknownDefectIsABadArgument() {
        assertThatThrownBy(() -> VirtualDeviceMain.Options.parse(
                new String[] {"--state", "s", "--trust", "k.pem", "--defect", "ignore-everything"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown defect 'ignore-everything'");
    }
}
