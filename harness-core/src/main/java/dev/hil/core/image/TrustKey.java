package dev.hil.core.image;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * A public key images must be signed with (ECDSA P-256 or Ed25519), and the check MCUboot does
 * with it: hash TLV equals the computed hash, key-hash TLV names this key, signature TLV verifies.
 */
public final class TrustKey {
    private final PublicKey key;
    private final byte[] keyHash;
    private final String source;

    private TrustKey(PublicKey key, String source) {
        this.key = key;
        this.keyHash = FirmwareImage.sha256(key.getEncoded(), 0, key.getEncoded().length);
        this.source = source;
    }

    public static TrustKey of(PublicKey key) {
        return new TrustKey(jdkKey(key), "in-memory key");
    }

    /** The same key as a JDK-provider key, so verification never depends on who made the key object. */
    private static PublicKey jdkKey(PublicKey key) {
        try {
            String alg = key.getAlgorithm().equalsIgnoreCase("ECDSA") ? "EC" : key.getAlgorithm();
            return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported trust key algorithm " + key.getAlgorithm(), e);
        }
    }

    /** Loads a PEM public key (SubjectPublicKeyInfo); the message names the file on failure. */
    public static TrustKey load(Path pem) throws IOException {
        try (Reader r = Files.newBufferedReader(pem); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof SubjectPublicKeyInfo info)) {
                throw new IOException(pem + ": not a PEM public key"
                        + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
            }
            // The JDK's own EC/EdDSA providers: registering Bouncy Castle's provider costs a device
            // ~250 ms on every boot, and verification needs nothing it adds.
            return new TrustKey(new JcaPEMKeyConverter().getPublicKey(info), pem.toString());
        }
    }

    public PublicKey publicKey() {
        return key;
    }

    /** SHA-256 of the DER public key: what the KEYHASH TLV carries. */
    public byte[] keyHash() {
        return keyHash.clone();
    }

    public String fingerprint() {
        return HexFormat.of().formatHex(keyHash);
    }

    public String algorithm() {
        return key.getAlgorithm();
    }

    @Override
    public String toString() {
        return algorithm() + " key " + fingerprint().substring(0, 16) + " (" + source + ")";
    }

    /** The signature-TLV type this key's signatures use. */
    public int signatureTlvType() {
        return isEd25519() ? Tlv.ED25519 : Tlv.ECDSA_SIG;
    }

    private boolean isEd25519() {
        String a = key.getAlgorithm();
        return a.equalsIgnoreCase("Ed25519") || a.equalsIgnoreCase("EdDSA");
    }

    /** MCUboot's validation of an image against this key. Never throws for bad images. */
    public Verdict verify(FirmwareImage image) {
        Optional<Tlv> hashTlv = image.tlv(Tlv.SHA256);
        if (hashTlv.isEmpty()) {
            return Verdict.bad("image has no SHA256 TLV");
        }
        if (!MessageDigest.isEqual(hashTlv.get().value(), image.hash())) {
            return Verdict.bad("SHA256 TLV does not match the image contents (computed " + image.hashHex() + ")");
        }
        Optional<Tlv> sig = image.tlv(signatureTlvType());
        if (sig.isEmpty()) {
            return Verdict.bad("image is unsigned (no " + (isEd25519() ? "ED25519" : "ECDSA_SIG") + " TLV)");
        }
        Optional<Tlv> kh = image.tlv(Tlv.KEYHASH);
        if (kh.isPresent() && !MessageDigest.isEqual(kh.get().value(), keyHash)) {
            return Verdict.bad("image is signed with another key (key hash "
                    + HexFormat.of().formatHex(kh.get().value()).substring(0, 16) + ", trusted "
                    + fingerprint().substring(0, 16) + ")");
        }
        try {
            Signature s;
            if (isEd25519()) {
                s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(image.hash()); // MCUboot's Ed25519 signs the image hash
            } else {
                s = Signature.getInstance("SHA256withECDSA");
                s.initVerify(key);
                s.update(image.signedPayload()); // ECDSA-P256 over SHA-256 of the payload = the image hash
            }
            if (!s.verify(sig.get().value())) {
                return Verdict.bad("signature does not verify with " + this);
            }
        } catch (Exception e) {
            return Verdict.bad("signature is malformed: " + e.getMessage());
        }
        return Verdict.ok("hash and " + algorithm() + " signature verified with key " + fingerprint().substring(0, 16));
    }
}
