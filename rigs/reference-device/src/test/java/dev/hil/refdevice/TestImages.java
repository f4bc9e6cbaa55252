package dev.hil.refdevice;

import dev.hil.refdevice.image.McubootImage;
import dev.hil.refdevice.image.TrustedKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Random;

/**
 * The device's own test images, built with the JDK as imgtool lays them out, so the device module's
 * tests need no harness code. (The cross-check with the harness's ImageSigner lives in the harness's
 * tests: device-drivers' HarnessImagesOnDeviceTest.)
 */
final class TestImages {
    enum Algorithm { ECDSA_P256, ED25519 }

    /** A key pair that signs test images. */
    record Key(Algorithm algorithm, KeyPair pair) {
        static Key generate(Algorithm algorithm) {
            try {
                KeyPairGenerator g;
                if (algorithm == Algorithm.ED25519) {
                    g = KeyPairGenerator.getInstance("Ed25519");
                } else {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                }
                return new Key(algorithm, g.generateKeyPair());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        TrustedKey trusted() {
            try {
                return TrustedKey.fromDer(pair.getPublic().getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Path writePem(Path file) throws IOException {
            String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPublic().getEncoded());
            return Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
        }

        /** imgtool's signature TLV: ECDSA over SHA-256 of the payload (DER), or Ed25519 over the image hash. */
        byte[] sign(byte[] payload, byte[] hash) {
            try {
                Signature s = Signature.getInstance(algorithm == Algorithm.ED25519 ? "Ed25519" : "SHA256withECDSA");
                s.initSign(pair.getPrivate());
                s.update(algorithm == Algorithm.ED25519 ? hash : payload);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        int signatureTlv() {
            return algorithm == Algorithm.ED25519 ? McubootImage.TLV_ED25519 : McubootImage.TLV_ECDSA_SIG;
        }
    }

    private TestImages() {
    }

    static byte[] body(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Image bytes: header, body, an optional protected area, SHA256 TLV, and if {@code key} is given KEYHASH and signature. */
    static byte[] build(Key key, int major, int minor, int revision, byte[] body, byte[] protectedArea) {
        ByteBuffer h = ByteBuffer.allocate(McubootImage.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(McubootImage.HEADER_MAGIC).putInt(0).putShort((short) 32).putShort((short) protectedArea.length)
                .putInt(body.length).putInt(0).put((byte) major).put((byte) minor).putShort((short) revision)
                .putInt(0).putInt(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(body);
        out.writeBytes(protectedArea);
        byte[] payload = out.toByteArray();
        byte[] hash = sha256(payload);
        ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
        tlv(tlvs, McubootImage.TLV_SHA256, hash);
        if (key != null) {
            tlv(tlvs, McubootImage.TLV_KEYHASH, sha256(key.pair().getPublic().getEncoded()));
            tlv(tlvs, key.signatureTlv(), key.sign(payload, hash));
        }
        out.writeBytes(area(McubootImage.TLV_INFO_MAGIC, tlvs.toByteArray()));
        return out.toByteArray();
    }

    static McubootImage signed(Key key, String version, int bodySize, long seed) {
        return parse(build(key, version, body(bodySize, seed)));
    }

    static McubootImage unsigned(String version, int bodySize, long seed) {
        return parse(build(null, version, body(bodySize, seed)));
    }

    static byte[] build(Key key, String version, byte[] body) {
        String[] v = version.split("\\.");
        return build(key, Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]), body, new byte[0]);
    }

    /** A protected TLV area with one security-counter TLV (0x50), as imgtool writes it. */
    static byte[] securityCounterArea(int counter) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        tlv(entries, 0x50, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(counter).array());
        return area(McubootImage.PROTECTED_TLV_INFO_MAGIC, entries.toByteArray());
    }

    static McubootImage parse(byte[] bytes) {
        try {
            return McubootImage.parse(bytes);
        } catch (Exception e) {
            throw new AssertionError("test image does not parse", e);
        }
    }

    /** A body byte flipped and the SHA256 TLV recomputed: intact-looking, but not what the key signed. */
    static McubootImage rehashed(McubootImage image, int bodyOffset) {
        byte[] b = image.bytes();
        b[32 + bodyOffset] ^= 0x01;
        int hashedEnd = image.length() - tlvAreaLength(b);
        byte[] hash = sha256(java.util.Arrays.copyOf(b, hashedEnd));
        // The SHA256 TLV is the first entry of the TLV area: info header (4), entry header (4), value.
        System.arraycopy(hash, 0, b, hashedEnd + 8, 32);
        return parse(b);
    }

    private static int tlvAreaLength(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = Short.toUnsignedInt(h.getShort(8)) + Short.toUnsignedInt(h.getShort(10)) + h.getInt(12);
        return Short.toUnsignedInt(h.getShort(at + 2));
    }

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) type)
                .putShort((short) value.length).array());
        out.writeBytes(value);
    }

    private static byte[] area(int magic, byte[] entries) {
        return ByteBuffer.allocate(4 + entries.length).order(ByteOrder.LITTLE_ENDIAN).putShort((short) magic)
                .putShort((short) (4 + entries.length)).put(entries).array();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
