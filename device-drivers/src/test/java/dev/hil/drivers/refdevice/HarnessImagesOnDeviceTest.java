package dev.hil.drivers.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageSigner;
import dev.hil.core.image.ImageTampering;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.core.image.Verdict;
import dev.hil.refdevice.image.ImageCheck;
import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.TrustedKey;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-check of two independent implementations: images the harness's {@link ImageSigner} builds
 * are read and judged by the reference device's own parser and verifier, which must agree with the
 * harness's {@code TrustKey} on every verdict, and on the hash each side computes.
 */
class HarnessImagesOnDeviceTest {
    @TempDir
    Path dir;

    private static byte[] body(long seed) {
        byte[] b = new byte[4000];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The device's trust key, read by the device from the PEM the harness wrote. */
    private TrustedKey deviceTrust(SigningKey key) throws Exception {
        Path pem = dir.resolve(key.type().label() + "-" + key.fingerprint().substring(0, 8) + ".pub.pem");
        key.writePublic(pem);
        return TrustedKey.load(pem);
    }

    private static McubootImage onDevice(byte[] bytes) throws Exception {
        return McubootImage.parse(bytes);
    }

    private static void bothAccept(TrustedKey device, SigningKey harness, FirmwareImage image) throws Exception {
        ImageCheck d = device.check(onDevice(image.bytes()));
        Verdict h = harness.trustKey().verify(image);
        assertThat(h.valid()).as("harness: " + h.reason()).isTrue();
        assertThat(d.accepted()).as("device: " + d.reason()).isTrue();
    }

    private static void bothRefuse(TrustedKey device, SigningKey harness, byte[] bytes, String deviceReason)
            throws Exception {
        ImageCheck d = device.check(onDevice(bytes));
        Verdict h = harness.trustKey().verify(FirmwareImage.parse(bytes));
        assertThat(h.valid()).as("harness accepts what it should refuse: " + h.reason()).isFalse();
        assertThat(d.accepted()).as("device accepts what it should refuse: " + d.reason()).isFalse();
        assertThat(d.reason()).startsWith(deviceReason);
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void aHarnessSignedImageVerifiesOnTheDeviceWithTheSameHashAndVersion(SigningKey.Type type) throws Exception {
        SigningKey key = SigningKey.generate(type);
        TrustedKey device = deviceTrust(key);
        assertThat(device.keyHash()).as("both sides hash the key alike").isEqualTo(key.trustKey().keyHash());
        for (FirmwareImage image : new FirmwareImage[] {
            ImageSigner.signedBy(key).build(body(1), ImageVersion.parse("1.2.3")),
            ImageSigner.signedBy(key).withSecurityCounter(7).build(body(2), ImageVersion.parse("2.0.1+9")),
        }) {
            bothAccept(device, key, image);
            McubootImage seen = onDevice(image.bytes());
            assertThat(seen.digest()).isEqualTo(image.hash());
            assertThat(seen.length()).isEqualTo(image.size());
            assertThat(seen.version().toString()).isEqualTo(image.version().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void tamperedForgedUnsignedAndForeignImagesAreRefusedOnBothSides(SigningKey.Type type) throws Exception {
        SigningKey key = SigningKey.generate(type);
        TrustedKey device = deviceTrust(key);
        FirmwareImage genuine = ImageSigner.signedBy(key).build(body(3), ImageVersion.parse("1.0.0"));

        byte[] tampered = genuine.bytes();
        tampered[genuine.headerSize() + 50] ^= 0x04;
        bothRefuse(device, key, tampered, "SHA256 TLV does not match");
        bothRefuse(device, key, ImageTampering.flipBodyByte(genuine, 50), "signature does not verify");
        bothRefuse(device, key, ImageTampering.relabel(genuine, ImageVersion.parse("9.9.9")), "signature does not verify");
        bothRefuse(device, key, ImageSigner.unsigned().build(body(3), ImageVersion.parse("1.0.0")).bytes(),
                "image is unsigned");
        SigningKey other = SigningKey.generate(type);
        bothRefuse(device, key, ImageSigner.signedBy(other).build(body(3), ImageVersion.parse("1.0.0")).bytes(),
                "image is signed with another key");
    }
}
