package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uboot scenario library on the QEMU + U-Boot rig, through the real CLI: the A/B scripts of
 * rigs/qemu-uboot/ab-boot.env pass all of it, and the deliberately broken variant (the switch
 * armed before the new slot is verified) is caught by the power cut after the slot write, with
 * the property it breaks (the old image must stay active) in the failure.
 */
class UbootLibraryTest {
    private static final String LIBRARY = "scenarios/library/uboot";

    @TempDir
    Path dir;

    @BeforeAll
    static void needQemu() {
        boolean qemu = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "qemu-system-arm")));
        assumeTrue(qemu && Files.isRegularFile(Path.of("/usr/lib/u-boot/qemu_arm/u-boot.bin")),
                "needs qemu-system-arm and u-boot-qemu (Debian: apt-get install qemu-system-arm u-boot-qemu)");
    }

    @Test
    void theAbScriptsPassTheWholeUbootLibrary() throws Exception {
        HilProcess.Result r = HilProcess.run(dir.resolve("run.log"), 20, "run", "--rig",
                HilProcess.ROOT.resolve("rigs/qemu-uboot.yaml").toString(), "--results", dir.resolve("results").toString(),
                HilProcess.ROOT.resolve(LIBRARY).toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("8 passed, 0 failed");
    }

    @Test
    void switchingBeforeVerifyIsCaughtByTheCutAfterTheSlotWrite() throws Exception {
        HilProcess.Result r = HilProcess.run(dir.resolve("run.log"), 20, "run", "--rig",
                HilProcess.ROOT.resolve("rigs/qemu-uboot/broken-switch-before-verify.yaml").toString(),
                "--results", dir.resolve("results").toString(),
                HilProcess.ROOT.resolve(LIBRARY).resolve("cut-after-slot-write.yaml").toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).containsPattern("UPD-UBOOT-PWR-SLOT-WRITTEN: .* FAILED .*not among expected images \\[given "
                + ".*it is the update image");
    }
}
