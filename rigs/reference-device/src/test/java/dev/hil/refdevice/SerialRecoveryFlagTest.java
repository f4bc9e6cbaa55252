package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --serial-recovery: the boot-mode pin held at power-on, as MCUboot's serial recovery pin. */
class SerialRecoveryFlagTest {
    @TempDir
    Path dir;

    @Test
    void flagIsParsedAndOffByDefault() {
        String[] base = {"--state", dir.toString(), "--trust", "k.pem"};
        assertThat(VirtualDeviceMain.Options.parse(base).serialRecovery()).isFalse();
        assertThat(VirtualDeviceMain.Options.parse(new String[] {"--serial-recovery", "--state", dir.toString(),
                "--trust", "k.pem", "--slot-sectors", "4"}).serialRecovery()).isTrue();
    }

    @Test
    void validImageIsNotBootedAndAnUploadGoesToThePrimaryThenResetBootsIt() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, PowerCutSweepTest.OLD);
        VirtualDevice d = b.device(PowerFailure.NEVER);
        BootResult r = d.bootSerialRecovery();
        assertThat(r.inRecovery()).isTrue();
        assertThat(b.log).contains("boot: recovery (serial recovery requested: boot-mode pin held at reset)");
        assertThat(b.log).noneMatch(l -> l.startsWith("app: running"));

        ImageUpload up = d.startUpload(PowerCutSweepTest.NEW.bytes().length, null);
        assertThat(up.slot()).isEqualTo(Slot.PRIMARY);
        up.write(PowerCutSweepTest.NEW.bytes());
        assertThat(d.boot().running().version().toString())
                .as("a reset boots normally").isEqualTo(PowerCutSweepTest.NEW.version().toString());
        Bench.close(d);
    }

    @Test
    void recoveryServesTheImageListOverSmp() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, PowerCutSweepTest.OLD);
        VirtualDevice d = b.device(PowerFailure.NEVER);
        d.bootSerialRecovery();
        List<SlotState> slots = d.slots();
        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).active()).as("nothing runs in recovery").isFalse();
        Bench.close(d);
    }
}
