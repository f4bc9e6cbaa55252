package dev.hil.drivers.smp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.link.ImageSpan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ImageSpan exactness, checked against an oracle that does not use the span arithmetic: flip all
 * bits of one image byte in the raw stream (CRC left as is, so only that byte's characters move),
 * re-frame, and see which wire bytes changed. Every bit of a byte lives in one of those characters.
 */
class SmpImageSpanTest {

    @Test
    void wirePrefixIsExactForRandomChunksAndOffsets() {
        Random r = new Random(20240611);
        for (int trial = 0; trial < 300; trial++) {
            int len = 1 + r.nextInt(trial % 3 == 0 ? 600 : 120);
            long off = r.nextInt(1 << 20);
            byte[] data = new byte[len];
            r.nextBytes(data);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("image", 0);
            fields.put("off", off);
            if (r.nextBoolean()) {
                fields.put("len", 100_000 + r.nextInt(1 << 20));
                byte[] sha = new byte[32];
                r.nextBytes(sha);
                fields.put("sha", sha);
            }
            if (r.nextInt(4) == 0) {
                fields.put("pad", "x".repeat(r.nextInt(7))); // shifts the data across base64 groups
            }
            fields.put("data", data);
            SmpPayload payload = SmpPayload.encode(fields);
            SmpPacket p = new SmpPacket(SmpPacket.OP_WRITE, 0, SmpPacket.GROUP_IMAGE, trial, SmpPacket.IMAGE_UPLOAD,
                    payload.cbor());
            int dataInPacket = SmpPacket.HEADER_SIZE + payload.dataOffset();
            FramedPacket framed = SmpSerialFraming.encodeUpload(p, dataInPacket, len, off);

            assertThat(framed.wire()).isEqualTo(SmpSerialFraming.encode(p));
            ImageSpan span = framed.span();
            assertThat(span.firstImageByte()).isEqualTo(off);
            assertThat(span.count()).isEqualTo(len);

            byte[] raw = SmpSerialFraming.rawStream(p.toBytes());
            int firstRaw = 2 + dataInPacket;
            int lastNeeded = -1; // highest wire index holding a bit of image bytes 0..n-1
            for (int n = 0; n < len; n++) {
                byte[] altered = raw.clone();
                altered[firstRaw + n] ^= (byte) 0xFF;
                byte[] other = SmpSerialFraming.frameRaw(altered);
                int lo = Integer.MAX_VALUE;
                int hi = -1;
                for (int i = 0; i < other.length; i++) {
                    if (other[i] != framed.wire()[i]) {
                        lo = Math.min(lo, i);
                        hi = Math.max(hi, i);
                    }
                }
                assertThat(hi).isGreaterThanOrEqualTo(0);
                if (n == 0) {
                    assertThat(span.wirePrefix()[0]).as("trial %d: wire before the first image bit", trial)
                            .isEqualTo(lo);
                }
                lastNeeded = Math.max(lastNeeded, hi);
                // prefix n+1 holds every bit of bytes 0..n; one byte less would lose one of them
                assertThat(span.wirePrefix()[n + 1]).as("trial %d, n=%d", trial, n + 1).isEqualTo(lastNeeded + 1);
            }
        }
    }

    @Test
    void prefixAtAFrameEndStopsBeforeTheNewlineAndNextStartBytes() {
        byte[] data = new byte[400];
        new Random(5).nextBytes(data);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("off", 0);
        fields.put("data", data);
        SmpPayload payload = SmpPayload.encode(fields);
        SmpPacket p = new SmpPacket(SmpPacket.OP_WRITE, 0, 1, 0, 1, payload.cbor());
        FramedPacket framed = SmpSerialFraming.encodeUpload(p, 8 + payload.dataOffset(), data.length, 0);
        byte[] wire = framed.wire();
        int checked = 0;
        for (int n = 1; n <= data.length; n++) {
            int end = framed.span().wirePrefix()[n];
            if (wire[end] == '\n') {
                checked++;
                assertThat(wire[end - 1]).as("prefix ends on a base64 character").isNotEqualTo((byte) '\n');
            }
            assertThat(wire[end - 1]).isNotIn((byte) '\n', (byte) 0x04, (byte) 0x14, (byte) 0x06, (byte) 0x09);
        }
        assertThat(checked).as("some image byte ends a frame").isPositive();
    }
}
