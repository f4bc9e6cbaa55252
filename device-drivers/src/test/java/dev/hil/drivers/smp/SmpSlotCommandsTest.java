package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.device.DeviceException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The image group's slot info (command 6) and erase (command 5) as the client sends and reads them. */
class SmpSlotCommandsTest {
    private final MemoryLink link = new MemoryLink();
    private ScriptedDevice device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    private SmpClient client() {
        return new SmpClient(link, Duration.ofSeconds(5), 0, 256);
    }

    @Test
    void slotInfoReadsEverySlotsSizeAndTheImagesLargestSize() {
        device = new ScriptedDevice(link, (req, i) -> {
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("image", 0);
            image.put("slots", List.of(Map.of("slot", 0, "size", 196_608),
                    Map.of("slot", 1, "size", 196_608, "upload_image_id", 0)));
            image.put("max_image_size", 180_224);
            return SmpSerialFraming.encode(req.response(Map.of("images", List.of(image))));
        });

        List<SlotInfo> info = client().slotInfo().orElseThrow();

        assertThat(info).containsExactly(new SlotInfo(0, 0, 196_608, OptionalLong.of(180_224)),
                new SlotInfo(0, 1, 196_608, OptionalLong.of(180_224)));
        SmpPacket req = device.requests.get(0);
        assertThat(List.of(req.op(), req.group(), req.cmd())).containsExactly(SmpPacket.OP_READ, 1, 6);
    }

    @Test
    void slotInfoWithoutMaxImageSizeLeavesItUnknown() {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(Map.of("images",
                List.of(Map.of("image", 0, "slots", List.of(Map.of("slot", 1, "size", 65_536))))))));
        assertThat(client().slotInfo().orElseThrow()).containsExactly(new SlotInfo(0, 1, 65_536, OptionalLong.empty()));
    }

    @Test
    void aBoardWithoutSlotInfoAnswersEnotsupAndTheClientSaysUnknown() {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(Map.of("rc", SmpRc.ENOTSUP))));
        assertThat(client().slotInfo()).isEmpty();
    }

    @Test
    void anotherSlotInfoErrorIsARefusal() {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(Map.of("rc", SmpRc.EUNKNOWN))));
        assertThatThrownBy(() -> client().slotInfo()).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED));
    }

    @Test
    void eraseSecondaryWritesImageEraseOfSlotOne() {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(Map.of("rc", 0))));
        client().eraseSecondary();
        SmpPacket req = device.requests.get(0);
        assertThat(List.of(req.op(), req.group(), req.cmd())).containsExactly(SmpPacket.OP_WRITE, 1, 5);
        assertThat(req.fields()).containsExactly(Map.entry("slot", 1));
    }

    @Test
    void eraseRefusedByTheBoardIsARefusalWithItsReason() {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(
                Map.of("rc", SmpRc.EBADSTATE, "rsn", "slot 1 is pending"))));
        assertThatThrownBy(() -> client().eraseSecondary()).isInstanceOfSatisfying(DeviceException.class,
                e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageContaining("EBADSTATE").hasMessageContaining("slot 1 is pending");
    }
}
