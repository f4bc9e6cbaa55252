package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmpClientTest {
    private final MemoryLink link = new MemoryLink();
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private ScriptedDevice device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    private SmpClient client(Duration timeout, int retries, int chunk) {
        SmpClient c = new SmpClient(link, timeout, retries, chunk);
        c.onTranscript(transcript::add);
        return c;
    }

    /** A device that stores upload chunks at their offset and answers with the next offset. */
    private static final class Flash {
        final ByteArrayOutputStream stored = new ByteArrayOutputStream();

        byte[] accept(SmpPacket req) {
            Map<String, Object> f = req.fields();
            int off = ((Number) f.get("off")).intValue();
            byte[] data = (byte[]) f.get("data");
            if (off == stored.size()) {
                stored.writeBytes(data);
            }
            return SmpSerialFraming.encode(req.response(Map.of("rc", 0, "off", stored.size())));
        }
    }

    @Test
    void uploadSendsChunksAtTheirOffsetsWithLenAndShaFirst() throws Exception {
        FirmwareImage image = image(1000);
        Flash flash = new Flash();
        device = new ScriptedDevice(link, (req, i) -> flash.accept(req));
        List<Long> progress = new ArrayList<>();

        client(Duration.ofSeconds(5), 2, 128).upload(image, progress::add);

        byte[] bytes = image.bytes();
        assertThat(flash.stored.toByteArray()).isEqualTo(bytes);
        assertThat(device.requests).hasSize((bytes.length + 127) / 128);
        Map<String, Object> first = device.requests.get(0).fields();
        assertThat(first).containsEntry("image", 0).containsEntry("off", 0).containsEntry("len", bytes.length);
        assertThat((byte[]) first.get("sha")).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
        Map<String, Object> second = device.requests.get(1).fields();
        assertThat(second).containsEntry("off", 128).doesNotContainKeys("len", "sha");
        assertThat(progress).startsWith(128L, 256L).endsWith((long) bytes.length);
        assertThat(link.imageBytesWritten()).isEqualTo(bytes.length);
        assertThat(link.imageBytesTotal()).isEqualTo(bytes.length);
        assertThat(transcript).anyMatch(l -> l.startsWith("tx write image/upload") && l.contains("data=128B "));
        assertThat(transcript).anyMatch(l -> l.startsWith("rx write-rsp image/upload") && l.contains("off=256"));
        assertThat(String.join("\n", transcript)).as("image data is never dumped whole")
                .doesNotContain(java.util.HexFormat.of().formatHex(bytes, 0, 32));
    }

    @Test
    void uploadFollowsTheOffsetTheDeviceReturns() throws Exception {
        FirmwareImage image = image(1000);
        device = new ScriptedDevice(link, (req, i) -> {
            int off = ((Number) req.fields().get("off")).intValue();
            int len = ((byte[]) req.fields().get("data")).length;
            int next = i == 0 ? 600 : off + len; // it already holds the first 600 bytes of this image
            return SmpSerialFraming.encode(req.response(Map.of("rc", 0, "off", next)));
        });

        client(Duration.ofSeconds(5), 2, 256).upload(image, p -> { });

        assertThat(device.requests).extracting(r -> r.fields().get("off"))
                .containsExactly(0, 600, 856); // image is 1036 bytes: 32 header + 1000 body + 4 TLV
        assertThat(((byte[]) device.requests.get(1).fields().get("data")))
                .isEqualTo(java.util.Arrays.copyOfRange(image.bytes(), 600, 856));
    }

    @Test
    void aDroppedResponseIsRetriedWithTheSameChunk() throws Exception {
        FirmwareImage image = image(500);
        Flash flash = new Flash();
        device = new ScriptedDevice(link, (req, i) -> {
            byte[] answer = flash.accept(req);
            return i == 1 ? null : answer; // the device took chunk 2 but its answer got lost
        });

        client(Duration.ofMillis(300), 2, 200).upload(image, p -> { });

        assertThat(flash.stored.toByteArray()).isEqualTo(image.bytes());
        assertThat(device.requests.get(1).fields().get("off")).isEqualTo(200);
        assertThat(device.requests.get(2).fields().get("off")).isEqualTo(200);
        assertThat((byte[]) device.requests.get(2).fields().get("data"))
                .isEqualTo((byte[]) device.requests.get(1).fields().get("data"));
        assertThat(device.requests.get(2).seq()).isNotEqualTo(device.requests.get(1).seq());
        assertThat(transcript).anyMatch(l -> l.contains("no answer to image upload at offset 200") && l.contains("try 1 of 3"));
    }

    @Test
    void aWriteStalledPastTheTimeoutCountsAsAnUnansweredTryAndIsSentAgain() throws Exception {
        // The request timer runs from the moment the request is handed to the link, as a real
        // client's does once its bytes sit in the UART buffer: a host-side stall longer than the
        // timeout must trip it, not merely delay the answer.
        FirmwareImage image = image(500);
        Flash flash = new Flash();
        device = new ScriptedDevice(link, (req, i) -> flash.accept(req));
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        link.addFilter(new dev.hil.core.link.LinkFilter() {
            @Override
            public byte[] outgoing(byte[] wire, Wire position) {
                if (position.imageBytes() >= 200 && stalled.compareAndSet(false, true)) {
                    try {
                        Thread.sleep(600); // the frame at offset 200 leaves the host 600 ms late
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return wire;
            }
        });

        client(Duration.ofMillis(300), 2, 200).upload(image, p -> { });

        assertThat(flash.stored.toByteArray()).isEqualTo(image.bytes());
        assertThat(transcript).anyMatch(l -> l.contains("no answer to image upload at offset 200")
                && l.contains("try 1 of 3") && l.contains("the write itself took"));
        assertThat(device.requests).extracting(r -> r.fields().get("off")).containsSubsequence(200, 200);
    }

    @Test
    void silenceExhaustsRetriesWithTimeout() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> null);
        assertThatThrownBy(() -> client(Duration.ofMillis(100), 2, 256).upload(image(300), p -> { }))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.TIMEOUT))
                .hasMessage("no answer to image upload at offset 0 after 3 tries of 0.1s");
        assertThat(device.requests).hasSize(3);
    }

    @Test
    void nonZeroRcIsRefusedWithItsName() throws Exception {
        device = new ScriptedDevice(link, (req, i) ->
                SmpSerialFraming.encode(req.response(Map.of("rc", 3))));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 1, 256).upload(image(300), p -> { }))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageContaining("rc=3 EINVAL");
    }

    @Test
    void smpV2GroupErrorIsRefused() throws Exception {
        device = new ScriptedDevice(link, (req, i) ->
                SmpSerialFraming.encode(req.response(Map.of("err", Map.of("group", 1, "rc", 9)))));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 1, 256).test(new byte[32]))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageContaining("group 1 error rc=9");
    }

    @Test
    void corruptResponseFrameIsAProtocolError() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> {
            byte[] raw = SmpSerialFraming.rawStream(req.response(Map.of("rc", 0, "off", 10)).toBytes());
            raw[raw.length - 1] ^= 0x55; // wrong CRC
            return SmpSerialFraming.frameRaw(raw);
        });
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 1, 256).upload(image(300), p -> { }))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL))
                .hasMessageContaining("CRC mismatch");
    }

    @Test
    void responseWithoutCborMapIsAProtocolError() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(new SmpPacket(req.op() | 1, 0,
                req.group(), req.seq(), req.cmd(), "not cbor at all".getBytes(StandardCharsets.US_ASCII))));
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 1, 256).echo("hi"))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL))
                .hasMessageContaining("undecodable answer to OS echo");
    }

    @Test
    void strayResponsesAndConsoleTextAreIgnored() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> {
            SmpPacket stale = new SmpPacket(req.op() | 1, 0, req.group(), (req.seq() + 200) & 0xFF, req.cmd(),
                    SmpPayload.encode(Map.of("r", "old")).cbor());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(SmpSerialFraming.encode(stale));
            out.writeBytes("<inf> app: hello from the console\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(SmpSerialFraming.encode(req.response(Map.of("r", req.fields().get("d")))));
            return out.toByteArray();
        });
        assertThat(client(Duration.ofSeconds(5), 0, 256).echo("ping")).isEqualTo("ping");
        assertThat(transcript).anyMatch(l -> l.startsWith("rx ignored"));
        assertThat(transcript).anyMatch(l -> l.equals("tx write os/echo seq=0 {d=\"ping\"}"));
    }

    @Test
    void imageListIsParsedIntoSlots() throws Exception {
        byte[] h0 = new byte[32];
        byte[] h1 = new byte[32];
        new Random(4).nextBytes(h1);
        device = new ScriptedDevice(link, (req, i) -> {
            Map<String, Object> s0 = new LinkedHashMap<>();
            s0.put("slot", 0);
            s0.put("version", "1.0.0");
            s0.put("hash", h0);
            s0.put("bootable", true);
            s0.put("confirmed", true);
            s0.put("active", true);
            Map<String, Object> s1 = new LinkedHashMap<>();
            s1.put("image", 0);
            s1.put("slot", 1);
            s1.put("version", "1.1.0");
            s1.put("hash", h1);
            s1.put("bootable", true);
            s1.put("pending", true);
            return SmpSerialFraming.encode(req.response(Map.of("images", List.of(s0, s1), "splitStatus", 0)));
        });
        List<ImageSlot> slots = client(Duration.ofSeconds(5), 0, 256).images();
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0)).satisfies(s -> {
            assertThat(s.slot()).isZero();
            assertThat(s.version()).isEqualTo("1.0.0");
            assertThat(s.active() && s.confirmed() && s.bootable()).isTrue();
            assertThat(s.pending()).isFalse();
        });
        assertThat(slots.get(1).hash()).isEqualTo(h1);
        assertThat(slots.get(1).pending()).isTrue();
        assertThat(device.requests.get(0).op()).isEqualTo(SmpPacket.OP_READ);
    }

    @Test
    void testAndConfirmWriteImageState() throws Exception {
        byte[] hash = new byte[32];
        hash[0] = 0x5A;
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(Map.of("images", List.of()))));
        SmpClient c = client(Duration.ofSeconds(5), 0, 256);
        c.test(hash);
        c.confirm(hash);
        assertThat(device.requests).allSatisfy(r -> {
            assertThat(r.op()).isEqualTo(SmpPacket.OP_WRITE);
            assertThat(r.commandName()).isEqualTo("image/state");
            assertThat((byte[]) r.fields().get("hash")).isEqualTo(hash);
        });
        assertThat(device.requests.get(0).fields()).containsEntry("confirm", false);
        assertThat(device.requests.get(1).fields()).containsEntry("confirm", true);
    }

    @Test
    void resetAcceptsTheLinkGoingDownAfterTheRequest() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> {
            link.goDown(); // the device restarts before answering and its port goes away
            return null;
        });
        client(Duration.ofSeconds(5), 0, 256).reset();
        assertThat(device.requests).singleElement().satisfies(r -> assertThat(r.commandName()).isEqualTo("os/reset"));
        assertThat(transcript).anyMatch(l -> l.contains("taken as the device restarting"));
    }

    @Test
    void linkDownDuringUploadIsLinkDown() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> {
            link.goDown();
            return null;
        });
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 3, 256).upload(image(600), p -> { }))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.LINK_DOWN))
                .hasMessageContaining("image upload at offset 0");
    }

    /** A minimal MCUboot-format image: 32-byte header, random body, empty TLV area. */
    static FirmwareImage image(int bodySize) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(32 + bodySize + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(FirmwareImage.MAGIC).putInt(0).putShort((short) 32).putShort((short) 0).putInt(bodySize)
                .putInt(0).put((byte) 1).put((byte) 2).putShort((short) 3).putInt(0).putInt(0);
        byte[] body = new byte[bodySize];
        new Random(bodySize).nextBytes(body);
        b.put(body).putShort((short) 0x6907).putShort((short) 4);
        return FirmwareImage.parse(b.array());
    }

    @Test
    void applyStateWritesTherapyInTheVendorGroupAndChecksTheEcho() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(
                Map.of("therapy", req.fields().get("therapy"), "authorized", false))));
        client(Duration.ofSeconds(5), 0, 128).applyState(Map.of("therapy", "active"));
        SmpPacket sent = device.requests.get(0);
        assertThat(sent.group()).isEqualTo(SmpPacket.GROUP_THERAPY);
        assertThat(sent.cmd()).isEqualTo(SmpPacket.THERAPY_STATE);
        assertThat(sent.op()).isEqualTo(SmpPacket.OP_WRITE);
        assertThat(sent.fields()).isEqualTo(Map.of("therapy", "active"));
        assertThat(transcript).anyMatch(l -> l.startsWith("tx write therapy/state"));
    }

    @Test
    void applyStateRefusesUnknownKeysBeforeSendingAnything() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> null);
        assertThatThrownBy(() -> client(Duration.ofSeconds(5), 0, 128)
                .applyState(Map.of("therapy", "active", "dose", "high", "alarm", "off")))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageContaining("[alarm, dose]");
        assertThat(device.requests).isEmpty();
    }

    @Test
    void deviceRefusalsOfStateAndAuthorizationAreRefusedWithTheirReason() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(
                Map.of("rc", SmpRc.ENOTSUP, "rsn", "serial recovery"))));
        SmpClient c = client(Duration.ofSeconds(5), 0, 128);
        assertThatThrownBy(() -> c.applyState(Map.of("therapy", "active")))
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageContaining("rc=8 ENOTSUP (serial recovery)");
        assertThatThrownBy(c::authorizeUpdate)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.REFUSED))
                .hasMessageStartingWith("update authorization refused");
    }

    @Test
    void authorizeUpdateNeedsTheDeviceToSayAuthorized() throws Exception {
        device = new ScriptedDevice(link, (req, i) -> SmpSerialFraming.encode(req.response(
                Map.of("therapy", "active", "authorized", i == 0))));
        SmpClient c = client(Duration.ofSeconds(5), 0, 128);
        c.authorizeUpdate();
        assertThat(device.requests.get(0).group()).isEqualTo(SmpPacket.GROUP_THERAPY);
        assertThat(device.requests.get(0).cmd()).isEqualTo(SmpPacket.THERAPY_AUTHORIZE_UPDATE);
        assertThatThrownBy(c::authorizeUpdate)
                .isInstanceOfSatisfying(DeviceException.class, e -> assertThat(e.kind()).isEqualTo(DeviceException.Kind.PROTOCOL));
    }
}
