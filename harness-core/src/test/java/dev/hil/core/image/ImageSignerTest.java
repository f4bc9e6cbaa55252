package dev.hil.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageSignerTest {
    private static final ImageVersion V = ImageVersion.parse("1.2.3+4");
    private static byte[] body;
    private static SigningKey ecdsa;
    private static SigningKey ed25519;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() {
        body = new byte[5000];
        new Random(7).nextBytes(body);
        ecdsa = SigningKey.generate(SigningKey.Type.ECDSA_P256);
        ed25519 = SigningKey.generate(SigningKey.Type.ED25519);
    }

    private static SigningKey key(SigningKey.Type type) {
        return type == SigningKey.Type.ED25519 ? ed25519 : ecdsa;
    }

    /** The trust key as a rig gets it: from the PEM file, not from the signer's object. */
    private static TrustKey trustFromFile(SigningKey key) throws Exception {
        Path pub = dir.resolve(key.type() + "-" + key.fingerprint().substring(0, 8) + ".pub.pem");
        key.writePublic(pub);
        return TrustKey.load(pub);
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void signedImageParsesAndVerifies(SigningKey.Type type) throws Exception {
        SigningKey key = key(type);
        FirmwareImage img = FirmwareImage.parse(ImageSigner.signedBy(key).build(body, V).bytes());

        ByteBuffer h = ByteBuffer.wrap(img.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h.getInt(0)).isEqualTo(0x96f3b83d);
        assertThat(img.loadAddress()).isZero();
        assertThat(img.headerSize()).isEqualTo(32);
        assertThat(img.protectedTlvSize()).isZero();
        assertThat(img.bodySize()).isEqualTo(body.length);
        assertThat(img.flags()).isZero();
        assertThat(img.version()).isEqualTo(V);
        assertThat(Arrays.copyOfRange(img.bytes(), 32, 32 + body.length)).isEqualTo(body);
        assertThat(img.tlvs()).extracting(Tlv::type).containsExactly(Tlv.SHA256, Tlv.KEYHASH, key.signatureTlvType());
        assertThat(img.tlv(Tlv.KEYHASH).orElseThrow().value()).isEqualTo(key.trustKey().keyHash());
        assertThat(img.hashTlvMatches()).isTrue();

        Verdict v = trustFromFile(key).verify(img);
        assertThat(v.valid()).as(v.reason()).isTrue();
    }

    @Test
    void ecdsaSignatureIsDerAndDeterministic() {
        byte[] a = ImageSigner.signedBy(ecdsa).build(body, V).bytes();
        byte[] b = ImageSigner.signedBy(ecdsa).build(body, V).bytes();
        assertThat(a).isEqualTo(b);
        byte[] sig = parse(a).tlv(Tlv.ECDSA_SIG).orElseThrow().value();
        assertThat(sig[0]).isEqualTo((byte) 0x30); // DER SEQUENCE
        assertThat(sig).hasSizeBetween(8, 72);
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void flippedBodyByteFailsTheHash(SigningKey.Type type) throws Exception {
        byte[] bytes = ImageSigner.signedBy(key(type)).build(body, V).bytes();
        bytes[32 + 1234] ^= 0x01;
        Verdict v = trustFromFile(key(type)).verify(FirmwareImage.parse(bytes));
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("SHA256 TLV does not match");
    }

    @Test
    void flippedVersionByteFailsTheHash() throws Exception {
        byte[] bytes = ImageSigner.signedBy(ecdsa).build(body, V).bytes();
        bytes[20] = 9; // major version 1 -> 9, an attacker's "upgrade"
        FirmwareImage img = FirmwareImage.parse(bytes);
        assertThat(img.version().major()).isEqualTo(9);
        Verdict v = trustFromFile(ecdsa).verify(img);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("SHA256 TLV does not match");
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void imageSignedByAnotherKeyIsRejected(SigningKey.Type type) throws Exception {
        SigningKey other = SigningKey.generate(type);
        FirmwareImage img = ImageSigner.signedBy(other).build(body, V);
        Verdict v = trustFromFile(key(type)).verify(img);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("signed with another key");
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void forgedSignatureWithMatchingKeyHashIsRejected(SigningKey.Type type) throws Exception {
        // Replace the real signature by another key's while keeping our KEYHASH: only the signature check catches it.
        SigningKey other = SigningKey.generate(type);
        FirmwareImage mine = ImageSigner.signedBy(key(type)).build(body, V);
        FirmwareImage theirs = ImageSigner.signedBy(other).build(body, V);
        byte[] forged = mine.bytes();
        byte[] mySig = mine.tlv(key(type).signatureTlvType()).orElseThrow().value();
        byte[] theirSig = theirs.tlv(type == SigningKey.Type.ED25519 ? Tlv.ED25519 : Tlv.ECDSA_SIG).orElseThrow().value();
        if (mySig.length != theirSig.length) {
            theirSig = Arrays.copyOf(mySig, mySig.length); // DER lengths differ: flip a byte of ours instead
            theirSig[theirSig.length - 3] ^= 0x40;
        }
        System.arraycopy(theirSig, 0, forged, forged.length - mySig.length, mySig.length);
        Verdict v = trustFromFile(key(type)).verify(FirmwareImage.parse(forged));
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).containsAnyOf("signature does not verify", "signature is malformed");
    }

    @Test
    void unsignedImageHasOnlyTheHashAndIsRejected() throws Exception {
        FirmwareImage img = ImageSigner.unsigned().build(body, V);
        assertThat(img.tlvs()).extracting(Tlv::type).containsExactly(Tlv.SHA256);
        assertThat(img.hashTlvMatches()).isTrue();
        Verdict v = trustFromFile(ecdsa).verify(img);
        assertThat(v.valid()).isFalse();
        assertThat(v.reason()).contains("unsigned");
        assertThat(trustFromFile(ed25519).verify(img).reason()).contains("unsigned");
    }

    @Test
    void truncatedImageDoesNotParse() {
        byte[] bytes = ImageSigner.signedBy(ecdsa).build(body, V).bytes();
        assertThatThrownBy(() -> FirmwareImage.parse(Arrays.copyOf(bytes, bytes.length - 10)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("past the end");
        assertThatThrownBy(() -> FirmwareImage.parse(Arrays.copyOf(bytes, 2000)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("body bytes");
        assertThatThrownBy(() -> FirmwareImage.parse(Arrays.copyOf(bytes, 20)))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("header");
    }

    @Test
    void securityCounterIsAProtectedTlvCoveredByTheSignature() throws Exception {
        FirmwareImage img = ImageSigner.signedBy(ecdsa).withSecurityCounter(5).build(body, V);
        assertThat(img.protectedTlvSize()).isEqualTo(4 + 4 + 4);
        Tlv cnt = img.tlv(Tlv.SEC_CNT).orElseThrow();
        assertThat(cnt.isProtected()).isTrue();
        assertThat(ByteBuffer.wrap(cnt.value()).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(5);
        TrustKey trust = trustFromFile(ecdsa);
        assertThat(trust.verify(img).valid()).isTrue();

        byte[] bytes = img.bytes();
        bytes[32 + body.length + 8] = 9; // counter 5 -> 9 without re-signing
        assertThat(trust.verify(FirmwareImage.parse(bytes)).valid()).isFalse();
        assertThatThrownBy(() -> ImageSigner.unsigned().withSecurityCounter(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signsAFileToAFile() throws Exception {
        Path in = dir.resolve("app.bin");
        Path out = dir.resolve("out/app.signed");
        Files.write(in, body);
        FirmwareImage written = ImageSigner.signedBy(ed25519).sign(in, V, out);
        FirmwareImage read = FirmwareImage.read(out);
        assertThat(read.bytes()).isEqualTo(written.bytes());
        assertThat(trustFromFile(ed25519).verify(read).valid()).isTrue();
    }

    @Test
    void headerFieldsAreLittleEndian() {
        FirmwareImage img = ImageSigner.unsigned().build(new byte[0x0102], ImageVersion.parse("2.3.258+16909060"));
        byte[] b = img.bytes();
        assertThat(Arrays.copyOfRange(b, 0, 4)).containsExactly(0x3d, 0xb8, 0xf3, 0x96);
        assertThat(Arrays.copyOfRange(b, 12, 16)).containsExactly(0x02, 0x01, 0, 0);
        assertThat(Arrays.copyOfRange(b, 20, 28)).containsExactly(2, 3, 0x02, 0x01, 0x04, 0x03, 0x02, 0x01);
        assertThat(Arrays.copyOfRange(b, 28, 32)).containsExactly(0, 0, 0, 0);
        int tlvStart = 32 + 0x0102;
        assertThat(Arrays.copyOfRange(b, tlvStart, tlvStart + 4)).containsExactly(0x07, 0x69, 4 + 36, 0);
    }

    private static FirmwareImage parse(byte[] bytes) {
        try {
            return FirmwareImage.parse(bytes);
        } catch (ImageFormatException e) {
            throw new AssertionError(e);
        }
    }
}
