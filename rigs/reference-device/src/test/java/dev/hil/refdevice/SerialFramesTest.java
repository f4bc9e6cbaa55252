package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.refdevice.smp.Crc16;
import dev.hil.refdevice.smp.FrameReader;
import dev.hil.refdevice.smp.SerialFrames;
import dev.hil.refdevice.smp.SmpMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The device's SMP serial transport and header, against the spec's layout and its own reader. */
class SerialFramesTest {
    private static SmpMessage message(int payloadBytes, long seed) {
        byte[] payload = new byte[payloadBytes];
        new Random(seed).nextBytes(payload);
        return new SmpMessage(1, 3, 0, 0x1234, 200, 7, payload);
    }

    private static List<FrameReader.Received> readAll(byte[] wire) {
        return new FrameReader(true).feed(wire, 0, wire.length);
    }

    /** The frames of a wire, each without its 2 start bytes and newline. */
    private static List<String> lines(byte[] wire) {
        List<String> out = new ArrayList<>();
        String all = new String(wire, StandardCharsets.ISO_8859_1);
        for (String l : all.split("\n")) {
            out.add(l);
        }
        return out;
    }

    @Test
    void crcIsCrc16Xmodem() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16.of(check, 0, check.length)).isEqualTo(0x31C3);
        assertThat(Crc16.of(new byte[0], 0, 0)).isZero();
    }

    @Test
    void headerIsBigEndianWithVersionAndOpInTheFirstByte() throws Exception {
        SmpMessage m = message(3, 1);
        byte[] b = m.toBytes();
        assertThat(b).startsWith(0b01011, 0, 0, 3, 0x12, 0x34, (byte) 200, 7);
        SmpMessage back = SmpMessage.read(b, 0, b.length);
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.op()).isEqualTo(3);
        assertThat(back.group()).isEqualTo(0x1234);
        assertThat(back.payload()).isEqualTo(m.payload());
        assertThat(back.isRequest()).isFalse();
    }

    @Test
    void framesFollowTheTransportLayout() {
        byte[] packet = message(400, 2).toBytes();
        byte[] wire = SerialFrames.encode(message(400, 2));
        List<String> frames = lines(wire);
        assertThat(wire[wire.length - 1]).isEqualTo((byte) '\n');
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            String f = frames.get(i);
            assertThat(f.length() + 1).as("frame %d with its newline", i).isLessThanOrEqualTo(127);
            assertThat(f.charAt(0)).isEqualTo((char) (i == 0 ? 0x06 : 0x04));
            assertThat(f.charAt(1)).isEqualTo((char) (i == 0 ? 0x09 : 0x14));
            raw.writeBytes(Base64.getDecoder().decode(f.substring(2)));
        }
        byte[] r = raw.toByteArray();
        assertThat((r[0] & 0xFF) << 8 | (r[1] & 0xFF)).as("length counts packet and CRC").isEqualTo(packet.length + 2);
        int crc = (r[r.length - 2] & 0xFF) << 8 | (r[r.length - 1] & 0xFF);
        assertThat(crc).isEqualTo(Crc16.of(packet, 0, packet.length));
    }

    @Test
    void theCrcIsNeverSplitBetweenFrames() {
        for (int payload = 0; payload < 300; payload++) {
            List<String> frames = lines(SerialFrames.encode(message(payload, payload)));
            byte[] last = Base64.getDecoder().decode(frames.get(frames.size() - 1).substring(2));
            assertThat(last.length).as("payload %d", payload).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everySizeRoundTripsFedByteByByteWithConsoleTextAround() {
        for (int payload = 0; payload < 400; payload += 7) {
            SmpMessage m = message(payload, payload);
            byte[] wire = SerialFrames.encode(m);
            FrameReader reader = new FrameReader(true);
            List<FrameReader.Received> got = new ArrayList<>();
            byte[] noise = "boot: banner\r\n".getBytes(StandardCharsets.US_ASCII);
            got.addAll(reader.feed(noise, 0, noise.length));
            for (int i = 0; i < wire.length; i++) {
                got.addAll(reader.feed(wire, i, 1));
            }
            assertThat(got).as("payload %d", payload).singleElement()
                    .isInstanceOfSatisfying(FrameReader.Packet.class,
                            p -> assertThat(p.message().payload()).isEqualTo(m.payload()));
        }
    }

    @Test
    void aBadCrcDropsThePacketUnlessCrcChecksAreOff() {
        byte[] wire = SerialFrames.encode(message(20, 3));
        String line = new String(wire, 2, wire.length - 3, StandardCharsets.US_ASCII);
        byte[] raw = Base64.getDecoder().decode(line);
        raw[raw.length - 1] ^= 0x01;
        byte[] bad = ("\u0006\u0009" + Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(readAll(bad)).singleElement().isInstanceOfSatisfying(FrameReader.Dropped.class,
                d -> assertThat(d.reason()).startsWith("CRC mismatch"));
        assertThat(new FrameReader(false).feed(bad, 0, bad.length)).singleElement().isInstanceOf(FrameReader.Packet.class);
    }

    @Test
    void aDamagedFrameDropsOnlyItsPacket() {
        byte[] first = SerialFrames.encode(message(200, 4));
        first[10] = (byte) '!';
        byte[] second = SerialFrames.encode(message(10, 5));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        List<FrameReader.Received> got = readAll(both.toByteArray());
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOfSatisfying(FrameReader.Dropped.class,
                d -> assertThat(d.reason()).startsWith("bad base64"));
        assertThat(got.get(1)).isInstanceOf(FrameReader.Packet.class);
    }

    @Test
    void aPacketCutShortByANewOneIsDropped() {
        byte[] longOne = SerialFrames.encode(message(300, 6));
        byte[] firstFrameOnly = java.util.Arrays.copyOf(longOne, new String(longOne, StandardCharsets.ISO_8859_1)
                .indexOf('\n') + 1);
        byte[] next = SerialFrames.encode(message(5, 7));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(firstFrameOnly);
        wire.writeBytes(next);
        List<FrameReader.Received> got = readAll(wire.toByteArray());
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOf(FrameReader.Dropped.class);
        assertThat(got.get(1)).isInstanceOfSatisfying(FrameReader.Packet.class,
                p -> assertThat(p.message().payload()).hasSize(5));
    }
}
