package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each seeded defect changes exactly the behaviour it names; the correct device is the control. */
class DefectTest {
    static final McubootImage V1 = PowerCutSweepTest.OLD;
    static final McubootImage V2 = PowerCutSweepTest.NEW;

    @TempDir
    Path dir;

    private String versionAfterTwoBoots(Defect... defects) throws IOException {
        Path d = Files.createDirectories(dir.resolve(defects.length == 0 ? "correct" : "defective"));
        Bench b = PowerCutSweepTest.upgradePending(d, defects);
        assertThat(b.bootClean().running().digestHex()).isEqualTo(V2.digestHex());
        return b.bootClean().running().version().toString();
    }

    @Test
    void confirmBeforeVerifyKeepsAnUncheckedTrialImage() throws IOException {
        assertThat(versionAfterTwoBoots()).isEqualTo("1.0.0");
        assertThat(versionAfterTwoBoots(Defect.CONFIRM_BEFORE_VERIFY)).isEqualTo("1.1.0");
    }

    private Bench secondaryRequested(String name, McubootImage primary, McubootImage secondary, Defect... defects)
            throws IOException {
        Bench b = new Bench(Files.createDirectories(dir.resolve(name)), defects);
        b.install(Slot.PRIMARY, primary);
        b.install(Slot.SECONDARY, secondary);
        b.requestTest();
        return b;
    }

    @Test
    void acceptUnsignedBootsAnUnsignedImage() throws IOException {
        McubootImage unsigned = Bench.unsigned("1.2.0", 5000, 3);
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
    void noRevertKeepsBootingAnUnconfirmedTrialImage() throws IOException {
        Path d = Files.createDirectories(dir.resolve("no-revert"));
        Bench b = PowerCutSweepTest.upgradePending(d, Defect.NO_REVERT);
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(b.bootClean().running().version().toString()).as("never confirmed, still not reverted")
                .isEqualTo("1.1.0");
        assertThat(b.log).contains("boot: unconfirmed test image kept, no revert (defect no-revert)")
                .noneMatch(l -> l.startsWith("swap: start type=revert"));
        assertThat(versionAfterTwoBoots()).as("control").isEqualTo("1.0.0");
    }

    /** V2 with a body byte changed and the SHA256 TLV recomputed: intact-looking, but not what KEY signed. */
    private static McubootImage rehashedForgery() {
        return TestImages.rehashed(V2, 1000);
    }

    @Test
    void trustHeaderHashBootsAForgeryWithARecomputedHash() throws IOException {
        Bench correct = secondaryRequested("correct", V1, rehashedForgery());
        assertThat(correct.bootClean().running().version().toString()).isEqualTo("1.0.0");
        assertThat(correct.log).anyMatch(l -> l.startsWith("boot: rejected secondary: signature does not verify"));

        Bench defective = secondaryRequested("defective", V1, rehashedForgery(), Defect.TRUST_HEADER_HASH);
        assertThat(defective.bootClean().running().digestHex()).isEqualTo(rehashedForgery().digestHex());
    }

    @Test
    void trustHeaderHashStillRejectsAHashMismatch() throws IOException {
        byte[] flipped = V2.bytes();
        flipped[2000] ^= 0x10; // a body byte, the SHA256 TLV left as it was
        Bench defective = secondaryRequested("defective", V1, TestImages.parse(flipped), Defect.TRUST_HEADER_HASH);
        assertThat(defective.bootClean().running().version().toString()).isEqualTo("1.0.0");
        assertThat(defective.log).anyMatch(l -> l.startsWith("boot: rejected secondary: SHA256 TLV does not match"));
    }

    /** An echo request whose frame carries a wrong CRC16 (last CRC byte inverted); the packet itself is intact. */
    private static byte[] echoWithBadCrc(String text) {
        byte[] wire = SerialFrames.encode(DeviceHost.request(SmpMessage.OP_WRITE, SmpServer.GROUP_OS,
                SmpServer.OS_ECHO, 42, Map.of("d", text)));
        String line = new String(wire, 2, wire.length - 3, StandardCharsets.US_ASCII); // 0x06 0x09 ... '\n'
        byte[] raw = Base64.getDecoder().decode(line);
        raw[raw.length - 1] ^= (byte) 0xFF;
        String bad = Base64.getEncoder().encodeToString(raw);
        byte[] out = new byte[bad.length() + 3];
        out[0] = wire[0];
        out[1] = wire[1];
        System.arraycopy(bad.getBytes(StandardCharsets.US_ASCII), 0, out, 2, bad.length());
        out[out.length - 1] = '\n';
        return out;
    }

    @Test
    void noCrcCheckAnswersAFrameWithABadCrc() throws Exception {
        Bench correctBench = new Bench(Files.createDirectories(dir.resolve("correct")));
        try (DeviceOnUart<DeviceHost> correct = correctBench.onUart()) {
            correct.host.send(echoWithBadCrc("corrupted"));
            assertThat(correct.host.echo("next")).as("the bad frame got no answer").containsEntry("r", "next");
            assertThat(correctBench.log).anyMatch(l -> l.startsWith("smp: dropped frame: CRC mismatch"));
        }
        Bench defectiveBench = new Bench(Files.createDirectories(dir.resolve("defective")), Defect.NO_CRC_CHECK);
        try (DeviceOnUart<DeviceHost> defective = defectiveBench.onUart()) {
            defective.host.send(echoWithBadCrc("corrupted"));
            SmpMessage answer = defective.host.next();
            assertThat(answer.seq()).isEqualTo(42);
            assertThat(answer.fields()).containsEntry("r", "corrupted");
        }
    }

    @Test
    void everyImageCheckIsLoggedFromStartToEndAndTheSlowDefectTakesItsTime() throws IOException {
        Bench correct = secondaryRequested("correct", V1, V2);
        assertThat(correct.bootClean().running().version().toString()).isEqualTo("1.1.0");
        List<String> checks = correct.log.stream().filter(l -> l.startsWith("verify: ")).toList();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(4).hasSize(checks.size() / 2 * 2);
        assertThat(checks.get(0)).isEqualTo("verify: start slot 1 version 1.1.0");
        assertThat(checks.get(1)).startsWith("verify: done slot 1 ok in ");
        for (int i = 0; i < checks.size(); i += 2) {
            assertThat(checks.get(i)).startsWith("verify: start slot ");
            assertThat(checks.get(i + 1)).startsWith("verify: done slot ");
        }

        Bench slow = secondaryRequested("slow", V1, V2, Defect.SLOW_SIGNATURE_CHECK);
        assertThat(slow.bootClean().running().version().toString()).as("slow, not wrong").isEqualTo("1.1.0");
        // The defect's floor (it checks again until the time is used up), not a performance figure.
        assertThat(slow.log.stream().filter(l -> l.startsWith("verify: done ")))
                .allSatisfy(l -> assertThat(Double.parseDouble(l.replaceAll(".* in ([0-9.]+) ms$", "$1")))
                        .isGreaterThanOrEqualTo(ImagePolicy.SLOW_CHECK.toMillis()));
    }

    @Test
    void unknownDefectIsABadArgument() {
        assertThatThrownBy(() -> VirtualDeviceMain.Options.parse(
                new String[] {"--state", "s", "--trust", "k.pem", "--defect", "ignore-everything"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown defect 'ignore-everything'");
    }
}
