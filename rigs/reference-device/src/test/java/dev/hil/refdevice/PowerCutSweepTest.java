package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.refdevice.image.McubootImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power is cut at every flash operation of a swap (before it, and half-way through it), on the
 * first boot and on the next ones too, and the device must still end on a verified image: the
 * new image in test mode after an upgrade, the old confirmed one after a revert.
 */
class PowerCutSweepTest {
    static final McubootImage OLD = Bench.signed("1.0.0", 6000, 1);
    static final McubootImage NEW = Bench.signed("1.1.0", 7100, 2);
    static final PowerFailure.Outcome[] HOW = {PowerFailure.Outcome.LOST_BEFORE, PowerFailure.Outcome.TORN};
    static final int EXTRA_CUTS = 2;

    @TempDir
    Path dir;

    /** Primary runs OLD (confirmed), secondary holds NEW with a test request. */
    static Bench upgradePending(Path dir, Defect... defects) {
        Bench b = new Bench(dir, defects);
        b.install(Slot.PRIMARY, OLD);
        b.install(Slot.SECONDARY, NEW);
        b.requestTest();
        return b;
    }

    @Test
    void testSwapSurvivesACutAtEveryFlashOperation() throws Exception {
        Bench b = upgradePending(dir);
        Path start = dir.resolve("start.bin");
        b.saveAs(start);
        long ops = b.operationsOfCleanBoot();
        assertThat(ops).as("a test swap of two sectors takes many flash operations").isGreaterThan(50);
        System.out.println("test swap: " + ops + " flash operations swept");

        for (long k = 1; k <= ops; k++) {
            for (PowerFailure.Outcome how : HOW) {
                b.restore(start);
                BootResult r = b.bootThroughCuts(k, how, EXTRA_CUTS);
                String at = "cut " + how + " at operation " + k;
                assertThat(r.inRecovery()).as(at + ": " + r.recoveryReason()).isFalse();
                assertThat(r.running().digestHex()).as(at).isEqualTo(NEW.digestHex());
                SlotTrailer t = b.trailer(Slot.PRIMARY);
                assertThat(t.copyDone() && !t.imageOk()).as(at + ": new image is on trial, " + t).isTrue();
                assertThat(b.slotImage(Slot.SECONDARY).image().digestHex()).as(at + ": old image kept for revert")
                        .isEqualTo(OLD.digestHex());
                assertThat(b.trailer(Slot.SECONDARY).magic()).as(at + ": request consumed").isFalse();
            }
        }
    }

    @Test
    void revertSurvivesACutAtEveryFlashOperation() throws Exception {
        Bench b = upgradePending(dir);
        assertThat(b.bootClean().running().digestHex()).isEqualTo(NEW.digestHex());
        Path onTrial = dir.resolve("on-trial.bin");
        b.saveAs(onTrial);
        long ops = b.operationsOfCleanBoot();
        assertThat(ops).isGreaterThan(50);
        System.out.println("revert: " + ops + " flash operations swept");

        for (long k = 1; k <= ops; k++) {
            for (PowerFailure.Outcome how : HOW) {
                b.restore(onTrial);
                BootResult r = b.bootThroughCuts(k, how, EXTRA_CUTS);
                String at = "cut " + how + " at operation " + k;
                assertThat(r.inRecovery()).as(at + ": " + r.recoveryReason()).isFalse();
                assertThat(r.running().digestHex()).as(at).isEqualTo(OLD.digestHex());
                assertThat(b.trailer(Slot.PRIMARY).imageOk()).as(at + ": reverted image is confirmed").isTrue();
                assertThat(b.bootClean().running().digestHex()).as(at + ": and stays").isEqualTo(OLD.digestHex());
            }
        }
    }

    @Test
    void withoutSwapStatusSomeCutLeavesNoBootableImage() throws Exception {
        Bench b = upgradePending(dir, Defect.NO_SWAP_STATUS);
        Path start = dir.resolve("start.bin");
        b.saveAs(start);
        long ops = b.operationsOfCleanBoot();
        List<String> broken = new ArrayList<>();
        for (long k = 1; k <= ops; k++) {
            b.restore(start);
            BootResult r = b.bootThroughCuts(k, PowerFailure.Outcome.LOST_BEFORE, 0);
            boolean verified = !r.inRecovery()
                    && (r.running().digestHex().equals(NEW.digestHex()) || r.running().digestHex().equals(OLD.digestHex()));
            if (!verified) {
                broken.add("k=" + k + (r.inRecovery() ? " recovery: " + r.recoveryReason() : " running " + r.running()));
            }
        }
        assertThat(broken).as("cuts that leave the defective device without a good image").isNotEmpty();
        System.out.println("no-swap-status: " + broken.size() + " of " + ops + " cuts break the device, e.g. " + broken.get(0));
        assertThat(b.log).anyMatch(l -> l.startsWith("boot: rejected secondary"));
    }
}
