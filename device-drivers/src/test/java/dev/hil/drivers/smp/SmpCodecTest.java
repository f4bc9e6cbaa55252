package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmpCodecTest {

    @Test
    void crcMatchesTheXmodemCheckValue() {
        // CRC-16/XMODEM (poly 0x1021, init 0) of "123456789" is 0x31C3 by the catalogue.
        assertThat(Crc16Ccitt.compute("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x31C3);
    }

    @Test
    void headerIsZephyrLayout() {
        SmpPacket p = new SmpPacket(SmpPacket.OP_WRITE, 0, 0x0102, 0x33, 1, new byte[] {(byte) 0xA0}, 1);
        byte[] b = p.toBytes();
        assertThat(b).containsExactly(0x0A, 0, 0, 1, 1, 2, 0x33, 1, 0xA0);
        assertThat(SmpPacket.parse(b)).isEqualTo(p);
    }

    @Test
    void payloadMapsRoundTripWithByteStringsAndNesting() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", 0);
        m.put("len", 70000L);
        m.put("sha", new byte[] {1, 2, 3});
        m.put("nested", Map.of("rc", 3, "group", 1));
        m.put("list", List.of(Map.of("slot", 1, "active", true)));
        m.put("data", new byte[] {9, 8, 7});
        SmpPayload payload = SmpPayload.encode(m);
        assertThat(payload.cbor()[0] & 0xFF).as("definite-length map of 6").isEqualTo(0xA6);
        assertThat(payload.dataLength()).isEqualTo(3);
        assertThat(payload.cbor()).endsWith(9, 8, 7);
        assertThat(payload.dataOffset()).isEqualTo(payload.cbor().length - 3);

        Map<String, Object> back = SmpPayload.decode(payload.cbor());
        assertThat(back.keySet()).containsExactly("image", "len", "sha", "nested", "list", "data");
        assertThat(((Number) back.get("len")).longValue()).isEqualTo(70000L);
        assertThat((byte[]) back.get("sha")).containsExactly(1, 2, 3);
        assertThat((byte[]) back.get("data")).containsExactly(9, 8, 7);
        assertThat(back.get("nested")).isEqualTo(Map.of("rc", 3, "group", 1));
        assertThat(back.get("list")).isEqualTo(List.of(Map.of("slot", 1, "active", true)));
    }

    @Test
    void smallPacketIsOneFrameWithLengthAndCrc() {
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 7, Map.of("d", "hi"));
        byte[] wire = SmpSerialFraming.encode(p);
        assertThat(wire[0]).isEqualTo((byte) 0x06);
        assertThat(wire[1]).isEqualTo((byte) 0x09);
        assertThat(wire[wire.length - 1]).isEqualTo((byte) '\n');
        byte[] raw = Base64.getDecoder().decode(new String(wire, 2, wire.length - 3, StandardCharsets.US_ASCII));
        byte[] smp = p.toBytes();
        assertThat(((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF)).as("length counts packet + CRC").isEqualTo(smp.length + 2);
        int crc = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        assertThat(crc).isEqualTo(Crc16Ccitt.compute(smp));
    }

    @Test
    void largePacketSpansFramesOfAtMost127BytesAndRoundTrips() {
        byte[] data = new byte[700];
        new Random(1).nextBytes(data);
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_UPLOAD, 200,
                new LinkedHashMap<>(Map.of("off", 4096, "data", data)));
        byte[] wire = SmpSerialFraming.encode(p);
        List<byte[]> frames = splitFrames(wire);
        assertThat(frames).hasSizeGreaterThan(7);
        assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(127));
        assertThat(frames.get(0)).startsWith(0x06, 0x09);
        assertThat(frames.subList(1, frames.size())).allSatisfy(f -> assertThat(f).startsWith(0x04, 0x14));

        List<SmpDecoded> got = new SmpFrameDecoder().feed(wire);
        assertThat(got).containsExactly(new SmpDecoded.Packet(p));
        assertThat((byte[]) p.fields().get("data")).isEqualTo(data);
    }

    @Test
    void decoderCopesWithAnySplitAndSkipsConsoleTextBetweenFrames() {
        SmpPacket a = SmpPacket.of(SmpPacket.OP_READ, SmpPacket.GROUP_IMAGE, SmpPacket.IMAGE_STATE, 1, Map.of());
        byte[] big = new byte[300];
        new Random(2).nextBytes(big);
        SmpPacket b = SmpPacket.of(SmpPacket.OP_WRITE_RSP, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 2, Map.of("r", "x", "blob", big));
        List<byte[]> bFrames = splitFrames(SmpSerialFraming.encode(b));
        var stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes("*** Booting Zephyr OS ***\r\n\u0004garbage\u0006x\n".getBytes(StandardCharsets.ISO_8859_1));
        stream.writeBytes(SmpSerialFraming.encode(a));
        for (byte[] f : bFrames) {
            stream.writeBytes("[00:00:01.000] <inf> log line\n".getBytes(StandardCharsets.US_ASCII));
            stream.writeBytes(f);
        }
        stream.writeBytes("trailing text".getBytes(StandardCharsets.US_ASCII));
        byte[] all = stream.toByteArray();
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            SmpFrameDecoder d = new SmpFrameDecoder();
            List<SmpDecoded> got = new ArrayList<>();
            int pos = 0;
            while (pos < all.length) {
                int n = Math.min(all.length - pos, 1 + r.nextInt(40));
                got.addAll(d.feed(all, pos, n));
                pos += n;
            }
            assertThat(got).containsExactly(new SmpDecoded.Packet(a), new SmpDecoded.Packet(b));
        }
    }

    @Test
    void crcMismatchIsReportedAndNextPacketStillDecodes() {
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 9, Map.of("d", "hello"));
        byte[] raw = SmpSerialFraming.rawStream(p.toBytes());
        raw[12] ^= 0x01; // flip a payload bit but keep the old CRC
        byte[] bad = SmpSerialFraming.frameRaw(raw);
        SmpFrameDecoder d = new SmpFrameDecoder();
        List<SmpDecoded> got = new ArrayList<>(d.feed(bad));
        got.addAll(d.feed(SmpSerialFraming.encode(p)));
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOfSatisfying(SmpDecoded.Failure.class,
                f -> assertThat(f.reason()).startsWith("CRC mismatch"));
        assertThat(got.get(1)).isEqualTo(new SmpDecoded.Packet(p));
    }

    @Test
    void badBase64IsReported() {
        byte[] wire = "\u0006\u0009AB*D\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new SmpFrameDecoder().feed(wire)).singleElement()
                .isInstanceOfSatisfying(SmpDecoded.Failure.class, f -> assertThat(f.reason()).contains("bad base64"));
        byte[] notGroups = "\u0006\u0009ABCDE\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new SmpFrameDecoder().feed(notGroups)).singleElement()
                .isInstanceOfSatisfying(SmpDecoded.Failure.class, f -> assertThat(f.reason()).contains("bad base64"));
    }

    @Test
    void lengthMismatchIsReported() {
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 9, Map.of("d", "hello"));
        byte[] raw = SmpSerialFraming.rawStream(p.toBytes());
        raw[1] -= 3; // length field now shorter than what the frame carries
        assertThat(new SmpFrameDecoder().feed(SmpSerialFraming.frameRaw(raw))).singleElement()
                .isInstanceOfSatisfying(SmpDecoded.Failure.class, f -> assertThat(f.reason()).startsWith("length mismatch"));
    }

    @Test
    void packetCutShortByANewPacketIsReported() {
        byte[] big = new byte[300];
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 1, Map.of("d", "x", "pad", big));
        List<byte[]> frames = splitFrames(SmpSerialFraming.encode(p));
        SmpPacket q = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 2, Map.of("d", "y"));
        SmpFrameDecoder d = new SmpFrameDecoder();
        List<SmpDecoded> got = new ArrayList<>(d.feed(frames.get(0)));
        got.addAll(d.feed(SmpSerialFraming.encode(q)));
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOfSatisfying(SmpDecoded.Failure.class,
                f -> assertThat(f.reason()).startsWith("packet cut short"));
        assertThat(got.get(1)).isEqualTo(new SmpDecoded.Packet(q));
    }

    @Test
    void rcNamesFollowMcumgr() {
        assertThat(SmpRc.describe(3)).isEqualTo("rc=3 EINVAL");
        assertThat(SmpRc.name(11)).isEqualTo("EACCESSDENIED");
        assertThat(SmpRc.name(258)).isEqualTo("EPERUSER+2");
    }

    static List<byte[]> splitFrames(byte[] wire) {
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\n') {
                frames.add(java.util.Arrays.copyOfRange(wire, start, i + 1));
                start = i + 1;
            }
        }
        assertThat(start).as("wire ends with a newline").isEqualTo(wire.length);
        return frames;
    }

    @Test
    void aDecoderWithoutCrcCheckTakesAPacketWithABadCrc() {
        SmpPacket p = SmpPacket.of(SmpPacket.OP_WRITE, SmpPacket.GROUP_OS, SmpPacket.OS_ECHO, 7, Map.of("d", "x"));
        byte[] raw = SmpSerialFraming.rawStream(p.toBytes());
        raw[raw.length - 1] ^= 0x01;
        byte[] wire = SmpSerialFraming.frameRaw(raw);
        assertThat(new SmpFrameDecoder().feed(wire)).singleElement()
                .isInstanceOfSatisfying(SmpDecoded.Failure.class, f -> assertThat(f.reason()).startsWith("CRC mismatch"));
        assertThat(new SmpFrameDecoder(false).feed(wire)).singleElement()
                .isInstanceOfSatisfying(SmpDecoded.Packet.class, d -> assertThat(d.packet()).isEqualTo(p));
    }
}
