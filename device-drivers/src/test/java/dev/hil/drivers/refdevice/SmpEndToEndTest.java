package dev.hil.drivers.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.Tlv;
import dev.hil.drivers.smp.SmpPacket;
import dev.hil.drivers.smp.SmpSerialFraming;
import dev.hil.refdevice.DeviceOnUart;
import dev.hil.refdevice.VirtualDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference device's SMP server over an in-memory UART, driven with the harness's SMP codec:
 * provisioning an erased device through serial recovery, then upload, list, test, reset and confirm
 * as the harness driver does them. The device's digest of each image must equal the harness's hash.
 */
@Timeout(120) // a hang guard only: nothing here asserts on time
class SmpEndToEndTest {
    static final FirmwareImage V1 = Bench.signed("1.0.0", 6000, 1);
    static final FirmwareImage V2 = Bench.signed("1.1.0", 7100, 2);

    @TempDir
    Path dir;
    Bench bench;
    VirtualDevice device;
    HostSide host;
    DeviceOnUart<HostSide> uart;

    @BeforeEach
    void powerOn() throws Exception {
        bench = new Bench(dir);
        uart = new DeviceOnUart<>(bench.device(), bench.log::add, HostSide::new);
        device = uart.device;
        host = uart.host;
    }

    @AfterEach
    void powerOff() throws Exception {
        uart.close();
    }

    @Test
    void provisionUpgradeTestResetConfirm() throws Exception {
        assertThat(host.echo("hello")).containsEntry("r", "hello");
        assertThat(device.state().inRecovery()).isTrue();
        assertThat(host.list()).isEmpty();

        // Serial recovery: the upload lands in slot 0, reset boots it.
        host.upload(V1, 512);
        assertThat(host.list()).singleElement().satisfies(img -> {
            assertThat(img).containsEntry("slot", 0).containsEntry("version", "1.0.0");
            assertThat((byte[]) img.get("hash")).isEqualTo(V1.tlv(Tlv.SHA256).orElseThrow().value());
        });
        host.resetAndWait();
        assertThat(host.echo("up")).containsEntry("r", "up"); // answered after the reboot
        assertThat(device.state().running().digestHex()).isEqualTo(V1.hashHex());
        assertThat(host.list()).singleElement().satisfies(img -> assertThat(img)
                .containsEntry("active", true).containsEntry("confirmed", true).containsEntry("pending", false));

        // Application mode: the upload goes to slot 1; test marks it pending.
        host.upload(V2, 700);
        List<Map<String, Object>> two = host.list();
        assertThat(two).hasSize(2);
        assertThat(two.get(1)).containsEntry("slot", 1).containsEntry("version", "1.1.0")
                .containsEntry("pending", false).containsEntry("active", false);
        host.test(V2.hash());
        assertThat(host.list().get(1)).containsEntry("pending", true).containsEntry("permanent", false);
        assertThat(bench.log).contains("image test pending hash " + V2.hashHex());

        host.resetAndWait();
        List<Map<String, Object>> trial = host.list();
        assertThat(trial.get(0)).containsEntry("version", "1.1.0").containsEntry("active", true)
                .containsEntry("confirmed", false);
        assertThat(trial.get(1)).containsEntry("version", "1.0.0").containsEntry("confirmed", true);

        host.confirm();
        assertThat(bench.log).anyMatch(l -> l.startsWith("image confirmed"));
        host.resetAndWait();
        assertThat(device.state().running().digestHex()).isEqualTo(V2.hashHex());
        assertThat(host.list().get(0)).containsEntry("confirmed", true);
        assertThat(bench.log.stream().map(l -> l.replaceAll(" hash \\p{XDigit}+$", ""))).containsSubsequence(
                "swap: start type=test sectors=2", "boot: slot 0 version 1.1.0",
                "image confirmed version 1.1.0", "boot: start", "boot: slot 0 version 1.1.0");
    }

    @Test
    void unconfirmedTrialRevertsAfterReset() throws Exception {
        host.upload(V1, 1024);
        host.resetAndWait();
        host.upload(V2, 1024);
        host.test(V2.hash());
        host.resetAndWait();
        assertThat(device.state().running().version().toString()).isEqualTo("1.1.0");
        assertThat(host.chunk(0, new byte[16], 4096L, new byte[32]))
                .as("slot 1 holds the revert target").containsEntry("rc", 6);
        host.resetAndWait();
        assertThat(device.state().running().version().toString()).isEqualTo("1.0.0");
        assertThat(bench.log).anyMatch(l -> l.startsWith("swap: start type=revert"));
    }

    @Test
    void uploadFollowsTheDeviceOffsetAndRefusesOversizedImages() throws Exception {
        byte[] bytes = V1.bytes();
        Map<String, Object> first = host.chunk(0, java.util.Arrays.copyOf(bytes, 300), (long) bytes.length, null);
        assertThat(first).containsEntry("rc", 0).containsEntry("off", 300);
        Map<String, Object> skipped = host.chunk(900, new byte[100], null, null);
        assertThat(skipped).as("out-of-order chunk answered with the expected offset").containsEntry("off", 300);
        long tooBig = 4L * 4096;
        Map<String, Object> big = host.chunk(0, new byte[64], tooBig, null);
        assertThat(((Number) big.get("rc")).intValue()).isIn(2, 3);
    }

    @Test
    void unknownCommandsAndCorruptFrames() throws Exception {
        assertThat(host.request(SmpPacket.OP_READ, 65, 0, Map.of())).containsEntry("rc", 8);
        assertThat(host.request(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, 9, Map.of())).containsEntry("rc", 8);

        byte[] bad = SmpSerialFraming.encode(SmpPacket.of(SmpPacket.OP_WRITE, 0, 0, 99, Map.of("d", "lost")));
        bad[5] = (byte) (bad[5] == 'A' ? 'B' : 'A'); // one base64 character off: the CRC no longer matches
        host.send(bad);
        assertThat(host.echo("after")).containsEntry("r", "after");
        assertThat(bench.log).anyMatch(l -> l.startsWith("smp: dropped frame"));
    }
}
