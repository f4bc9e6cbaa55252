package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.refdevice.image.ImageFormatError;
import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.Version;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The device's reading of the MCUboot image format, on images laid out byte by byte in the test. */
class McubootImageTest {
    static final TestImages.Key KEY = TestImages.Key.generate(TestImages.Algorithm.ECDSA_P256);
    static final byte[] BODY = TestImages.body(3000, 7);

    @Test
    void readsHeaderFieldsTlvsAndTheDigestOverHeaderBodyAndProtectedArea() throws Exception {
        byte[] prot = TestImages.securityCounterArea(5);
        byte[] bytes = TestImages.build(KEY, 2, 7, 513, BODY, prot);
        McubootImage image = McubootImage.parse(bytes);

        assertThat(image.version()).isEqualTo(new Version(2, 7, 513, 0));
        assertThat(image.length()).isEqualTo(bytes.length);
        byte[] hashed = Arrays.copyOf(bytes, 32 + BODY.length + prot.length);
        assertThat(image.digest()).isEqualTo(TestImages.sha256(hashed));
        assertThat(image.hashTlvMatches()).isTrue();
        assertThat(image.entries()).extracting(McubootImage.Entry::type)
                .containsExactly(0x50, McubootImage.TLV_SHA256, McubootImage.TLV_KEYHASH, McubootImage.TLV_ECDSA_SIG);
        assertThat(image.entries().get(0).inProtectedArea()).isTrue();
        assertThat(image.entries().get(1).inProtectedArea()).isFalse();
        assertThat(image.tlv(0x50)).hasValueSatisfying(v -> assertThat(v).containsExactly(5, 0, 0, 0));
    }

    @Test
    void bytesAfterTheLastTlvAreNotPartOfTheImage() throws Exception {
        byte[] bytes = TestImages.build(KEY, "1.0.0", BODY);
        byte[] inSlot = Arrays.copyOf(bytes, bytes.length + 500);
        Arrays.fill(inSlot, bytes.length, inSlot.length, (byte) 0xFF);
        McubootImage image = McubootImage.parse(inSlot);
        assertThat(image.length()).isEqualTo(bytes.length);
        assertThat(image.bytes()).isEqualTo(bytes);
    }

    @Test
    void aHeaderSizeLargerThan32MovesTheBody() throws Exception {
        byte[] plain = TestImages.build(null, "1.0.0", BODY);
        // Re-lay the same body after a 64-byte header (imgtool --header-size 0x40 pads with zeros).
        byte[] padded = new byte[plain.length + 32];
        System.arraycopy(plain, 0, padded, 0, 32);
        System.arraycopy(plain, 32, padded, 64, plain.length - 32);
        ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 64);
        McubootImage image = McubootImage.parse(padded);
        assertThat(image.length()).isEqualTo(padded.length);
        assertThat(image.hashTlvMatches()).as("the digest now covers the padding too").isFalse();
    }

    private static byte[] withU32(byte[] b, int at, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return c;
    }

    private static byte[] withU16(byte[] b, int at, int value) {
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) value);
        return c;
    }

    @Test
    void malformedImagesAreRefusedWithTheReason() {
        byte[] good = TestImages.build(KEY, "1.0.0", BODY);
        int tlvAt = 32 + BODY.length;
        assertThatThrownBy(() -> McubootImage.parse(Arrays.copyOf(good, 20)))
                .isInstanceOf(ImageFormatError.class).hasMessageContaining("shorter than the 32-byte header");
        assertThatThrownBy(() -> McubootImage.parse(withU32(good, 0, 0x96f3b83c)))
                .hasMessageContaining("bad header magic 0x96f3b83c");
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, 8, 16))).hasMessageContaining("hdr_size 16");
        assertThatThrownBy(() -> McubootImage.parse(withU32(good, 12, good.length)))
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, tlvAt, 0x6908)))
                .hasMessageContaining("TLV info magic");
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, tlvAt + 2, 0xFFF0)))
                .hasMessageContaining("past the image");
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, tlvAt + 6, 0x0400)))
                .as("a TLV longer than its area").hasMessageContaining("overruns its area");
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, 10, 8)))
                .as("protect_tlv_size without a protected area").hasMessageContaining("TLV info magic");
    }

    @Test
    void aProtectedAreaOfAnotherSizeThanTheHeaderSaysIsRefused() {
        byte[] prot = TestImages.securityCounterArea(1);
        byte[] good = TestImages.build(KEY, 1, 0, 0, BODY, prot);
        assertThatThrownBy(() -> McubootImage.parse(withU16(good, 10, prot.length + 4)))
                .hasMessageContaining("protect_tlv_size says " + (prot.length + 4));
    }

    @Test
    void versionsCompareFieldByFieldAsMcubootDoes() {
        Version v100 = new Version(1, 0, 0, 0);
        assertThat(new Version(1, 0, 1, 0)).isGreaterThan(v100);
        assertThat(new Version(0, 255, 65535, 0xFFFFFFFFL)).isLessThan(v100);
        assertThat(new Version(1, 0, 0, 1)).isGreaterThan(v100);
        assertThat(new Version(1, 2, 0, 0)).isGreaterThan(new Version(1, 1, 9, 9));
        assertThat(v100.compareTo(new Version(1, 0, 0, 0))).isZero();
        assertThat(v100).hasToString("1.0.0");
        assertThat(new Version(1, 2, 3, 4)).hasToString("1.2.3.4");
        assertThat(TestImages.parse(TestImages.build(null, 3, 4, 65535, BODY, new byte[0])).version())
                .hasToString("3.4.65535");
    }
}
