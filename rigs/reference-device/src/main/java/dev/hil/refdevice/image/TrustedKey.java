package dev.hil.refdevice.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The public key built into the bootloader (given to the device with {@code --trust}), and MCUboot's
 * image validation with it: the SHA256 TLV must equal the digest the device computes; a KEYHASH TLV,
 * when present, must name this key (SHA-256 of its DER SubjectPublicKeyInfo, as imgtool writes it);
 * the signature TLV of this key's kind must verify over that digest: ECDSA P-256 (TLV 0x22, an ASN.1
 * DER signature of the digest) or Ed25519 (TLV 0x24, a signature of the 32 digest bytes).
 *
 * <p>Deliberately written again beside the harness's {@code dev.hil.core.image.TrustKey}: the checked
 * device shares no code with its checker. It reads the PEM itself (no Bouncy Castle) and verifies the
 * pre-computed digest ("NONEwithECDSA"), as a bootloader does, where the harness signs the payload.
 */
public final class TrustedKey {
    // DER of the algorithm OIDs in a SubjectPublicKeyInfo (RFC 5480, RFC 8410).
    private static final byte[] OID_EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final byte[] OID_PRIME256V1 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
    private static final byte[] OID_ED25519 = {0x06, 0x03, 0x2B, 0x65, 0x70};

    private enum Kind { ECDSA_P256, ED25519 }

    private final Kind kind;
    private final PublicKey key;
    private final byte[] keyHash;

    private TrustedKey(Kind kind, PublicKey key, byte[] der) {
        this.kind = kind;
        this.key = key;
        this.keyHash = McubootImage.sha256(der, der.length);
    }

    /** Reads a "BEGIN PUBLIC KEY" PEM file; the message names the file when it is not a P-256 or Ed25519 key. */
    public static TrustedKey load(Path pem) throws IOException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PUBLIC KEY-----");
        int end = text.indexOf("-----END PUBLIC KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(pem + ": not a PEM public key (no BEGIN/END PUBLIC KEY lines)");
        }
        String body = text.substring(begin + "-----BEGIN PUBLIC KEY-----".length(), end).replaceAll("\\s", "");
        try {
            return fromDer(Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(pem + ": " + e.getMessage(), e);
        }
    }

    /** A DER SubjectPublicKeyInfo holding a P-256 or an Ed25519 key. */
    public static TrustedKey fromDer(byte[] der) throws GeneralSecurityException {
        byte[] algorithm = algorithmIdentifier(der);
        Kind kind;
        if (startsWith(algorithm, OID_EC_PUBLIC_KEY)) {
            if (!Arrays.equals(algorithm, OID_EC_PUBLIC_KEY.length, algorithm.length, OID_PRIME256V1, 0,
                    OID_PRIME256V1.length)) {
                throw new GeneralSecurityException("EC key on a curve other than P-256");
            }
            kind = Kind.ECDSA_P256;
        } else if (Arrays.equals(algorithm, OID_ED25519)) {
            kind = Kind.ED25519;
        } else {
            throw new GeneralSecurityException("neither an ECDSA P-256 nor an Ed25519 public key");
        }
        PublicKey key = KeyFactory.getInstance(kind == Kind.ED25519 ? "Ed25519" : "EC")
                .generatePublic(new X509EncodedKeySpec(der));
        return new TrustedKey(kind, key, der);
    }

    /** SHA-256 of the key's DER encoding, what a KEYHASH TLV must carry. */
    public byte[] keyHash() {
        return keyHash.clone();
    }

    private String shortId() {
        return HexFormat.of().formatHex(keyHash).substring(0, 16);
    }

    private int signatureTlv() {
        return kind == Kind.ED25519 ? McubootImage.TLV_ED25519 : McubootImage.TLV_ECDSA_SIG;
    }

    /** MCUboot's validation of {@code image} against this key; never throws for a bad image. */
    public ImageCheck check(McubootImage image) {
        Optional<byte[]> stated = image.tlv(McubootImage.TLV_SHA256);
        if (stated.isEmpty()) {
            return ImageCheck.refuse("image has no SHA256 TLV");
        }
        byte[] digest = image.digest();
        if (!MessageDigest.isEqual(stated.get(), digest)) {
            return ImageCheck.refuse("SHA256 TLV does not match the image contents (computed " + image.digestHex() + ")");
        }
        Optional<byte[]> signature = image.tlv(signatureTlv());
        if (signature.isEmpty()) {
            return ImageCheck.refuse("image is unsigned (no " + (kind == Kind.ED25519 ? "ED25519" : "ECDSA_SIG") + " TLV)");
        }
        Optional<byte[]> named = image.tlv(McubootImage.TLV_KEYHASH);
        if (named.isPresent() && !MessageDigest.isEqual(named.get(), keyHash)) {
            return ImageCheck.refuse("image is signed with another key (key hash "
                    + HexFormat.of().formatHex(named.get()).substring(0, Math.min(16, 2 * named.get().length))
                    + ", trusted " + shortId() + ")");
        }
        try {
            Signature verifier = Signature.getInstance(kind == Kind.ED25519 ? "Ed25519" : "NONEwithECDSA");
            verifier.initVerify(key);
            verifier.update(digest);
            if (!verifier.verify(signature.get())) {
                return ImageCheck.refuse("signature does not verify with trusted key " + shortId());
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return ImageCheck.refuse("signature is malformed: " + e.getMessage());
        }
        return ImageCheck.accept("hash and " + kind + " signature verified with key " + shortId());
    }

    /** The contents of {@code SEQUENCE { SEQUENCE algorithm, BIT STRING key }}'s first element. */
    private static byte[] algorithmIdentifier(byte[] der) throws GeneralSecurityException {
        int[] outer = header(der, 0, 0x30);
        int[] inner = header(der, outer[0], 0x30);
        if (inner[0] + inner[1] > der.length) {
            throw new GeneralSecurityException("truncated SubjectPublicKeyInfo");
        }
        return Arrays.copyOfRange(der, inner[0], inner[0] + inner[1]);
    }

    /** A DER tag and length at {@code at}: returns {content offset, content length}. */
    private static int[] header(byte[] der, int at, int tag) throws GeneralSecurityException {
        if (at + 2 > der.length || (der[at] & 0xFF) != tag) {
            throw new GeneralSecurityException("not a DER SubjectPublicKeyInfo");
        }
        int first = der[at + 1] & 0xFF;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int n = first & 0x7F;
        if (n == 0 || n > 2 || at + 2 + n > der.length) {
            throw new GeneralSecurityException("unsupported DER length in SubjectPublicKeyInfo");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = len << 8 | (der[at + 2 + i] & 0xFF);
        }
        return new int[] {at + 2 + n, len};
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String toString() {
        return kind + " key " + shortId();
    }
}
