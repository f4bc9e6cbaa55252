package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.smp.McumgrRc;
import dev.hil.refdevice.smp.SmpMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The therapy update lock over SMP (vendor group 64): while therapy is active an image may be
 * staged, but a swap request and a reset are refused with EBUSY until the update is authorized.
 */
@Timeout(120) // a hang guard only: nothing here asserts on time
class TherapyLockTest {
    static final McubootImage V1 = PowerCutSweepTest.OLD;
    static final McubootImage V2 = PowerCutSweepTest.NEW;
    static final Map<String, Object> ACTIVE = Map.of("therapy", "active");

    @TempDir
    Path dir;

    /** A device running V1 (confirmed) with V2 uploaded into slot 1. */
    private DeviceOnUart<DeviceHost> staged(String name, Defect... defects) throws Exception {
        Bench b = new Bench(Files.createDirectories(dir.resolve(name)), defects);
        b.install(Slot.PRIMARY, V1);
        DeviceOnUart<DeviceHost> d = b.onUart();
        d.host.upload(V2.bytes());
        return d;
    }

    private static Map<String, Object> therapy(DeviceHost host, Map<String, ?> fields) throws Exception {
        return host.request(SmpMessage.OP_WRITE, SmpServer.GROUP_THERAPY, SmpServer.THERAPY_STATE, fields);
    }

    private static Map<String, Object> authorize(DeviceHost host) throws Exception {
        return host.request(SmpMessage.OP_WRITE, SmpServer.GROUP_THERAPY, SmpServer.THERAPY_AUTHORIZE_UPDATE, Map.of());
    }

    @Test
    void activeTherapyRefusesTestAndResetButNotTheUpload() throws Exception {
        try (DeviceOnUart<DeviceHost> d = staged("locked")) {
            assertThat(therapy(d.host, ACTIVE)).containsEntry("therapy", "active").containsEntry("authorized", false);
            assertThat(d.host.request(SmpMessage.OP_READ, SmpServer.GROUP_THERAPY, SmpServer.THERAPY_STATE, Map.of()))
                    .containsEntry("therapy", "active");

            Map<String, Object> test = d.host.test(V2.digest());
            assertThat(test).containsEntry("rc", McumgrRc.EBUSY);
            assertThat((String) test.get("rsn")).contains("therapy is active");
            assertThat(d.host.list().get(1)).as("no swap was requested").containsEntry("pending", false);
            assertThat(d.host.reset()).containsEntry("rc", McumgrRc.EBUSY);
            assertThat(d.host.request(SmpMessage.OP_WRITE, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_STATE,
                    Map.of("hash", V2.digest(), "confirm", true)))
                    .as("a permanent swap is locked too").containsEntry("rc", McumgrRc.EBUSY);
            assertThat(d.host.confirm()).as("confirming the running image changes nothing: allowed")
                    .doesNotContainKey("rsn");
            assertThat(d.device.state().running().version().toString()).isEqualTo("1.0.0");
        }
    }

    @Test
    void authorizationReleasesTheLockUntilTheNextBoot() throws Exception {
        try (DeviceOnUart<DeviceHost> d = staged("authorized")) {
            therapy(d.host, ACTIVE);
            assertThat(authorize(d.host)).containsEntry("therapy", "active").containsEntry("authorized", true);
            assertThat(d.host.test(V2.digest())).doesNotContainKey("rsn");
            assertThat(d.host.list().get(1)).containsEntry("pending", true);
            d.host.resetAndWait();
            assertThat(d.device.state().running().version().toString()).isEqualTo("1.1.0");
            assertThat(d.host.request(SmpMessage.OP_READ, SmpServer.GROUP_THERAPY, SmpServer.THERAPY_STATE, Map.of()))
                    .as("therapy state and authorization live in RAM")
                    .containsEntry("therapy", "idle").containsEntry("authorized", false);
        }
    }

    @Test
    void restartingTherapyWithdrawsAnEarlierAuthorization() throws Exception {
        try (DeviceOnUart<DeviceHost> d = staged("re-locked")) {
            authorize(d.host);
            therapy(d.host, ACTIVE);
            assertThat(d.host.test(V2.digest())).containsEntry("rc", McumgrRc.EBUSY);
            therapy(d.host, Map.of("therapy", "idle"));
            assertThat(d.host.test(V2.digest())).doesNotContainKey("rc");
        }
    }

    @Test
    void badStateWritesAreRefused() throws Exception {
        try (DeviceOnUart<DeviceHost> d = staged("bad")) {
            assertThat(therapy(d.host, Map.of("therapy", "paused"))).containsEntry("rc", McumgrRc.EINVAL);
            assertThat(therapy(d.host, Map.of("therapy", "active", "dose", "max"))).containsEntry("rc", McumgrRc.EINVAL);
            assertThat(d.device.therapyActive()).isFalse();
        }
    }

    @Test
    void ignoreTherapyLockSwapsAndResetsDuringTherapy() throws Exception {
        try (DeviceOnUart<DeviceHost> d = staged("defective", Defect.IGNORE_THERAPY_LOCK)) {
            therapy(d.host, ACTIVE);
            assertThat(d.host.test(V2.digest())).doesNotContainKey("rc");
            d.host.resetAndWait();
            assertThat(d.device.state().running().version().toString()).isEqualTo("1.1.0");
        }
    }

    @Test
    void recoveryModeHasNoTherapy() throws Exception {
        try (DeviceOnUart<DeviceHost> d = new Bench(dir).onUart()) {
            assertThat(therapy(d.host, ACTIVE)).containsEntry("rc", McumgrRc.ENOTSUP);
            assertThat(d.host.reset()).as("recovery resets are never locked").doesNotContainKey("rc");
        }
    }
}
