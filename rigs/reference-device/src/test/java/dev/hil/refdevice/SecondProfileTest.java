package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.smp.McumgrRc;
import dev.hil.refdevice.smp.SmpMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second profile: 8 KiB sectors, a single-image frugal image list and image slot info; and
 * image erase, which both profiles serve.
 */
class SecondProfileTest {
    private static final FlashLayout BIG_SECTORS = FlashLayout.of(5, 8192);
    private static final McubootImage OLD = Bench.signed("1.0.0", 9000, 1);
    /** Larger than one 8 KiB sector and than two 4 KiB ones: the swap must move 8 KiB sectors. */
    private static final McubootImage NEW = Bench.signed("1.1.0", 20_000, 2);

    @TempDir
    Path dir;

    @Test
    void anUpdateSwapsAndRevertsIn8KiBSectorsWithTheTrailerAtTheSectorsEnd() throws Exception {
        Bench b = new Bench(dir, BIG_SECTORS);
        b.install(Slot.PRIMARY, OLD);
        b.install(Slot.SECONDARY, NEW);
        b.requestTest();
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(b.flashFile)) {
            // The boot magic ends the secondary's last 8 KiB sector: slot 1 = sectors 5..9, so at 10 * 8192.
            java.nio.ByteBuffer magic = java.nio.ByteBuffer.allocate(16);
            f.read(magic, 10L * 8192 - 16);
            assertThat(magic.array()).isEqualTo(SlotTrailer.BOOT_MAGIC);
        }
        assertThat(b.bootClean().running().version().toString()).isEqualTo("1.1.0");
        assertThat(b.log).contains("swap: start type=test sectors=3");
        assertThat(b.bootClean().running().version().toString()).as("unconfirmed: reverted").isEqualTo("1.0.0");
        assertThat(b.slotImage(Slot.SECONDARY).image().digestHex()).isEqualTo(NEW.digestHex());
    }

    @Test
    void aCutAtEveryFlashOperationOfThe8KiBSwapStillEndsOnTheNewImage() throws Exception {
        Bench b = new Bench(dir, BIG_SECTORS);
        b.install(Slot.PRIMARY, OLD);
        b.install(Slot.SECONDARY, NEW);
        b.requestTest();
        Path start = dir.resolve("start.bin");
        b.saveAs(start);
        long ops = b.operationsOfCleanBoot();
        for (long k = 1; k <= ops; k++) {
            b.restore(start);
            BootResult r = b.bootThroughCuts(k, PowerFailure.Outcome.TORN, 1);
            assertThat(r.running().digestHex()).as("torn at operation %d of %d", k, ops).isEqualTo(NEW.digestHex());
        }
    }

    @Test
    void theFrugalListHasNoImageKeyOnlyTrueFlagsAndNoSplitStatus() throws Exception {
        Bench b = new Bench(dir, BIG_SECTORS);
        b.install(Slot.PRIMARY, OLD);
        try (DeviceOnUart<DeviceHost> uart = b.onUartFrugalWithSlotInfo()) {
            uart.host.upload(NEW.bytes());
            uart.host.test(NEW.digest());
            Map<String, Object> answer = uart.host.request(SmpMessage.OP_READ, SmpServer.GROUP_IMAGE,
                    SmpServer.IMAGE_STATE, Map.of());
            assertThat(answer).containsOnlyKeys("images");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> images = (List<Map<String, Object>>) answer.get("images");
            assertThat(images.get(0)).containsOnlyKeys("slot", "version", "hash", "bootable", "confirmed",
                    "active").containsEntry("active", true);
            assertThat(images.get(1)).containsOnlyKeys("slot", "version", "hash", "bootable", "pending")
                    .containsEntry("slot", 1).containsEntry("pending", true);
        }
    }

    @Test
    void theFirstProfileSendsTheFullList() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, OLD);
        try (DeviceOnUart<DeviceHost> uart = b.onUart()) {
            Map<String, Object> answer = uart.host.request(SmpMessage.OP_READ, SmpServer.GROUP_IMAGE,
                    SmpServer.IMAGE_STATE, Map.of());
            assertThat(answer).containsKeys("images", "splitStatus");
            assertThat(uart.host.list().get(0)).containsKeys("image", "slot", "pending",
                    "permanent").containsEntry("pending", false);
        }
    }

    @Test
    void slotInfoGivesBothSlotsSizesAndTheLargestImage() throws Exception {
        Bench b = new Bench(dir, BIG_SECTORS);
        b.install(Slot.PRIMARY, OLD);
        try (DeviceOnUart<DeviceHost> uart = b.onUartFrugalWithSlotInfo()) {
            Map<String, Object> info = uart.host.request(SmpMessage.OP_READ, SmpServer.GROUP_IMAGE,
                    SmpServer.IMAGE_SLOT_INFO, Map.of());
            assertThat(info).isEqualTo(Map.of("images", List.of(Map.of("image", 0, "max_image_size", 4 * 8192,
                    "slots", List.of(Map.of("slot", 0, "size", 5 * 8192),
                            Map.of("slot", 1, "size", 5 * 8192, "upload_image_id", 0))))));
        }
    }

    @Test
    void theFirstProfileAnswersSlotInfoWithEnotsupLikeAnOlderZephyr() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, OLD);
        try (DeviceOnUart<DeviceHost> uart = b.onUart()) {
            assertThat(uart.host.request(SmpMessage.OP_READ, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_SLOT_INFO,
                    Map.of())).containsEntry("rc", McumgrRc.ENOTSUP);
        }
    }

    @Test
    void eraseEmptiesTheSecondarySlotSoTheListShowsOnlyThePrimary() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, OLD);
        b.install(Slot.SECONDARY, PowerCutSweepTest.NEW); // fits the first profile's bench slot
        try (DeviceOnUart<DeviceHost> uart = b.onUart()) {
            assertThat(uart.host.list()).hasSize(2);
            assertThat(erase(uart)).doesNotContainKey("rc");
            assertThat(uart.host.list()).singleElement().satisfies(e -> assertThat(e).containsEntry("slot", 0));
        }
        assertThat(b.log).contains("image: erase slot 1");
        try (Flash f = b.flash(PowerFailure.NEVER)) {
            for (int s = 0; s < f.layout().slotSectors(); s++) {
                assertThat(Flash.isErased(f.readSector(f.layout().sector(Slot.SECONDARY, s)), 0, f.layout().sectorSize()))
                        .as("secondary sector %d erased", s).isTrue();
            }
        }
    }

    @Test
    void eraseIsRefusedWhileTheSecondaryIsPendingForTheNextBoot() throws Exception {
        Bench b = new Bench(dir);
        b.install(Slot.PRIMARY, OLD);
        b.install(Slot.SECONDARY, PowerCutSweepTest.NEW); // fits the first profile's bench slot
        b.requestTest();
        try (DeviceOnUart<DeviceHost> uart = b.onUart()) {
            assertThat(erase(uart)).containsEntry("rc", McumgrRc.EBADSTATE);
            assertThat(uart.host.list()).hasSize(2);
        }
    }

    @Test
    void eraseIsNotServedInSerialRecovery() throws Exception {
        Bench b = new Bench(dir);
        try (DeviceOnUart<DeviceHost> uart = b.onUart()) {
            assertThat(erase(uart)).containsEntry("rc", McumgrRc.ENOTSUP);
        }
    }

    private static Map<String, Object> erase(DeviceOnUart<DeviceHost> uart) throws Exception {
        return uart.host.request(SmpMessage.OP_WRITE, SmpServer.GROUP_IMAGE, SmpServer.IMAGE_ERASE, Map.of("slot", 1));
    }
}
