package dev.hil.drivers.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.drivers.smp.Crc16Ccitt;
import dev.hil.drivers.smp.SmpDecoded;
import dev.hil.drivers.smp.SmpFrameDecoder;
import dev.hil.drivers.smp.SmpPacket;
import dev.hil.drivers.smp.SmpPayload;
import dev.hil.drivers.smp.SmpSerialFraming;
import dev.hil.refdevice.smp.Cbor;
import dev.hil.refdevice.smp.Crc16;
import dev.hil.refdevice.smp.FrameReader;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-check of two independent SMP codecs: what the reference device frames, the harness's
 * decoder reads, and what the harness frames, the device's reader reads, header fields and CBOR
 * payloads alike, for packets of one frame and of many.
 */
class SmpCodecCrossCheckTest {
    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A payload with every kind of value an SMP exchange carries. */
    private static Map<String, Object> fields(int dataBytes) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("slot", 1);
        image.put("version", "1.2.3.4");
        image.put("hash", bytes(32, 1));
        image.put("confirmed", false);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("rc", 0);
        f.put("off", 70000L);
        f.put("len", 4_294_967_296L);
        f.put("neg", -1000);
        f.put("rsn", "slot 1 holds the image a revert needs \u2014 confirm first");
        f.put("images", List.of(image, image));
        f.put("pending", true);
        f.put("data", bytes(dataBytes, dataBytes));
        return f;
    }

    private static void assertSameFields(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat((byte[]) actual.get("data")).isEqualTo((byte[]) expected.get("data"));
        assertThat(((Number) actual.get("off")).longValue()).isEqualTo(70000L);
        assertThat(((Number) actual.get("len")).longValue()).isEqualTo(4_294_967_296L);
        assertThat(((Number) actual.get("neg")).intValue()).isEqualTo(-1000);
        assertThat(actual.get("rsn")).isEqualTo(expected.get("rsn"));
        assertThat(actual.get("pending")).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images = (List<Map<String, Object>>) actual.get("images");
        assertThat(images).hasSize(2).allSatisfy(img -> {
            assertThat(((Number) img.get("slot")).intValue()).isEqualTo(1);
            assertThat(img.get("version")).isEqualTo("1.2.3.4");
            assertThat((byte[]) img.get("hash")).isEqualTo(bytes(32, 1));
            assertThat(img.get("confirmed")).isEqualTo(false);
        });
    }

    @Test
    void deviceFramesDecodeWithTheHarnessDecoder() {
        for (int dataBytes : new int[] {0, 1, 40, 93, 500, 2048}) {
            Map<String, Object> f = fields(dataBytes);
            SmpMessage sent = new SmpMessage(0, 3, 0, 1, 77, 1, Cbor.encode(f));
            List<SmpDecoded> got = new SmpFrameDecoder().feed(SerialFrames.encode(sent));
            assertThat(got).as("data of %d bytes", dataBytes).singleElement().isInstanceOf(SmpDecoded.Packet.class);
            SmpPacket p = ((SmpDecoded.Packet) got.get(0)).packet();
            assertThat(p.op()).isEqualTo(3);
            assertThat(p.group()).isEqualTo(1);
            assertThat(p.seq()).isEqualTo(77);
            assertThat(p.cmd()).isEqualTo(1);
            assertThat(p.toBytes()).isEqualTo(sent.toBytes());
            assertSameFields(p.fields(), f);
        }
    }

    @Test
    void harnessFramesDecodeWithTheDeviceReader() throws Exception {
        for (int dataBytes : new int[] {0, 1, 40, 93, 500, 2048}) {
            Map<String, Object> f = fields(dataBytes);
            SmpPacket sent = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_UPLOAD, 200, f);
            byte[] wire = SmpSerialFraming.encode(sent);
            List<FrameReader.Received> got = new FrameReader(true).feed(wire, 0, wire.length);
            assertThat(got).as("data of %d bytes", dataBytes).singleElement().isInstanceOf(FrameReader.Packet.class);
            SmpMessage m = ((FrameReader.Packet) got.get(0)).message();
            assertThat(m.isRequest()).isTrue();
            assertThat(m.isWrite()).isTrue();
            assertThat(m.seq()).isEqualTo(200);
            assertThat(m.toBytes()).isEqualTo(sent.toBytes());
            assertSameFields(m.fields(), f);
        }
    }

    @Test
    void bothCborEncodersWriteTheSameBytesForTheSameMap() {
        Map<String, Object> f = fields(300);
        assertThat(Cbor.encode(f)).isEqualTo(SmpPayload.encode(f).cbor());
    }

    @Test
    void bothCrcsAgreeAndBothFramersCutTheSameFrames() {
        for (int n = 0; n < 600; n += 13) {
            byte[] data = bytes(n, n);
            assertThat(Crc16.of(data, 0, n)).as("%d bytes", n).isEqualTo(Crc16Ccitt.compute(data));
            SmpMessage device = new SmpMessage(0, 2, 0, 64, n & 0xFF, 0, data);
            SmpPacket harness = new SmpPacket(2, 0, 64, n & 0xFF, 0, data);
            assertThat(SerialFrames.encode(device)).as("%d-byte payload", n).isEqualTo(SmpSerialFraming.encode(harness));
        }
    }
}
