package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.refdevice.image.ImageCheck;
import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.TrustedKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The bootloader's signature check, for both algorithms the device trusts. */
class TrustedKeyTest {
    static final byte[] BODY = TestImages.body(2500, 11);

    @TempDir
    Path dir;

    private TrustedKey loaded(TestImages.Key key) throws Exception {
        return TrustedKey.load(key.writePem(dir.resolve(key.algorithm() + ".pem")));
    }

    @ParameterizedTest
    @EnumSource(TestImages.Algorithm.class)
    void anImageSignedWithTheTrustedKeyIsAccepted(TestImages.Algorithm algorithm) throws Exception {
        TestImages.Key key = TestImages.Key.generate(algorithm);
        ImageCheck check = loaded(key).check(TestImages.parse(TestImages.build(key, "1.0.0", BODY)));
        assertThat(check.accepted()).as(check.reason()).isTrue();
        assertThat(loaded(key).keyHash()).isEqualTo(TestImages.sha256(key.pair().getPublic().getEncoded()));
    }

    @ParameterizedTest
    @EnumSource(TestImages.Algorithm.class)
    void aProtectedAreaIsCoveredByTheSignature(TestImages.Algorithm algorithm) throws Exception {
        TestImages.Key key = TestImages.Key.generate(algorithm);
        byte[] bytes = TestImages.build(key, 1, 0, 0, BODY, TestImages.securityCounterArea(3));
        assertThat(key.trusted().check(TestImages.parse(bytes)).accepted()).isTrue();
        int counterAt = 32 + BODY.length + 8;
        bytes[counterAt] = 9; // the security counter value, inside the hashed area
        ImageCheck check = key.trusted().check(TestImages.parse(bytes));
        assertThat(check.accepted()).isFalse();
        assertThat(check.reason()).startsWith("SHA256 TLV does not match");
    }

    @ParameterizedTest
    @EnumSource(TestImages.Algorithm.class)
    void tamperedForgedUnsignedAndForeignImagesAreRefused(TestImages.Algorithm algorithm) throws Exception {
        TestImages.Key key = TestImages.Key.generate(algorithm);
        TrustedKey trusted = key.trusted();
        McubootImage genuine = TestImages.parse(TestImages.build(key, "1.0.0", BODY));

        byte[] tampered = genuine.bytes();
        tampered[32 + 100] ^= 0x01;
        assertThat(trusted.check(TestImages.parse(tampered)).reason()).startsWith("SHA256 TLV does not match");

        ImageCheck forged = trusted.check(TestImages.rehashed(genuine, 100));
        assertThat(forged.accepted()).isFalse();
        assertThat(forged.reason()).startsWith("signature does not verify");

        assertThat(trusted.check(TestImages.parse(TestImages.build(null, "1.0.0", BODY))).reason())
                .startsWith("image is unsigned");

        TestImages.Key other = TestImages.Key.generate(algorithm);
        assertThat(trusted.check(TestImages.parse(TestImages.build(other, "1.0.0", BODY))).reason())
                .startsWith("image is signed with another key");
    }

    @Test
    void aForeignSignatureWithoutKeyHashFailsTheSignatureCheck() {
        TestImages.Key key = TestImages.Key.generate(TestImages.Algorithm.ECDSA_P256);
        TestImages.Key other = TestImages.Key.generate(TestImages.Algorithm.ECDSA_P256);
        byte[] bytes = TestImages.build(other, "1.0.0", BODY);
        // Turn the KEYHASH TLV (second entry) into an unknown type 0x7f, which MCUboot skips.
        int tlvAt = 32 + BODY.length;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(tlvAt + 4 + 36, (short) 0x7f);
        ImageCheck check = key.trusted().check(TestImages.parse(bytes));
        assertThat(check.accepted()).isFalse();
        assertThat(check.reason()).startsWith("signature does not verify");
    }

    @Test
    void anEd25519SignatureDoesNotPassForAnEcdsaKey() {
        TestImages.Key ecdsa = TestImages.Key.generate(TestImages.Algorithm.ECDSA_P256);
        TestImages.Key ed = TestImages.Key.generate(TestImages.Algorithm.ED25519);
        assertThat(ecdsa.trusted().check(TestImages.parse(TestImages.build(ed, "1.0.0", BODY))).reason())
                .as("no ECDSA_SIG TLV at all").startsWith("image is unsigned (no ECDSA_SIG TLV)");
    }

    @Test
    void keysOtherThanP256AndEd25519AndNonKeyFilesAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        Path p384 = dir.resolve("p384.pem");
        Files.writeString(p384, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> TrustedKey.load(p384)).hasMessageContaining("other than P-256")
                .hasMessageContaining(p384.toString());

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThatThrownBy(() -> TrustedKey.fromDer(rsa.generateKeyPair().getPublic().getEncoded()))
                .hasMessageContaining("neither an ECDSA P-256 nor an Ed25519");

        Path text = Files.writeString(dir.resolve("notes.pem"), "just some text\n");
        assertThatThrownBy(() -> TrustedKey.load(text)).hasMessageContaining("not a PEM public key");
    }
}
