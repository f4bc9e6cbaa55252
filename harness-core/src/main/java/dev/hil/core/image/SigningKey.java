package dev.hil.core.image;

import dev.hil.core.storage.AtomicFile;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * A private key that signs firmware images the way MCUboot's imgtool does (ECDSA P-256 or Ed25519),
 * together with its public half. Key material never appears in {@link #toString()} or in exception
 * messages, since those end up in logs and reports.
 */
public final class SigningKey {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** The two algorithms MCUboot images carry signature TLVs for. */
    public enum Type {
        ECDSA_P256("ecdsa-p256"), ED25519("ed25519");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The CLI spelling: {@code ecdsa-p256} or {@code ed25519}. */
        public String label() {
            return label;
        }

        public static Type fromLabel(String text) {
            for (Type t : values()) {
                if (t.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a key type (ecdsa-p256 or ed25519)");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Type type;
    private final PrivateKey privateKey;
    private final TrustKey publicKey;

    private SigningKey(Type type, PrivateKey privateKey, PublicKey publicKey) {
        this.type = type;
        this.privateKey = privateKey;
        this.publicKey = TrustKey.of(publicKey);
    }

    public static SigningKey generate(Type type) {
        try {
            KeyPairGenerator g;
            if (type == Type.ED25519) {
                g = KeyPairGenerator.getInstance("Ed25519", BC);
            } else {
                g = KeyPairGenerator.getInstance("EC", BC);
                g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            }
            KeyPair kp = g.generateKeyPair();
            return new SigningKey(type, kp.getPrivate(), kp.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle cannot generate " + type + " keys", e);
        }
    }

    /**
     * Loads a PEM private key: PKCS#8 ({@code PRIVATE KEY}, as {@link #writePrivate} writes and
     * imgtool/openssl produce) or OpenSSL's {@code EC PRIVATE KEY}. Failure messages name the file
     * and the reason only; parser details are dropped because they could quote key bytes.
     */
    public static SigningKey load(Path pem) throws IOException {
        PrivateKeyInfo info = PrivateKeyPem.read(pem);
        try {
            return fromPrivateKeyInfo(info);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IOException(pem + ": unsupported private key (only ECDSA P-256 and Ed25519)");
        }
    }

    private static SigningKey fromPrivateKeyInfo(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        // PKCS#8 need not carry the public key, so derive it from the private scalar / seed.
        AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter pub;
        Type type;
        if (priv instanceof Ed25519PrivateKeyParameters ed) {
            pub = ed.generatePublicKey();
            type = Type.ED25519;
        } else if (priv instanceof ECPrivateKeyParameters ec) {
            if (!ec.getParameters().getCurve().equals(
                    org.bouncycastle.asn1.nist.NISTNamedCurves.getByName("P-256").getCurve())) {
                throw new GeneralSecurityException("not P-256");
            }
            pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(),
                    ec.getParameters());
            type = Type.ECDSA_P256;
        } else {
            throw new GeneralSecurityException("unsupported key");
        }
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(BC);
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
        return new SigningKey(type, conv.getPrivateKey(info), conv.getPublicKey(spki));
    }

    public Type type() {
        return type;
    }

    public PublicKey publicKey() {
        return publicKey.publicKey();
    }

    /** The public half, as the harness uses it to verify images. */
    public TrustKey trustKey() {
        return publicKey;
    }

    /** SHA-256 of the DER public key (hex): the same value as the images' KEYHASH TLV. */
    public String fingerprint() {
        return publicKey.fingerprint();
    }

    /** The image signature TLV type this key produces. */
    int signatureTlvType() {
        return type == Type.ED25519 ? Tlv.ED25519 : Tlv.ECDSA_SIG;
    }

    /**
     * Signs as MCUboot verifies: ECDSA over SHA-256 of the payload (DER signature), Ed25519 over
     * the 32-byte image hash. ECDSA uses RFC 6979 deterministic nonces so re-signing the same image
     * with the same key reproduces the same bytes.
     */
    byte[] sign(byte[] signedPayload, byte[] imageHash) {
        try {
            Signature s;
            if (type == Type.ED25519) {
                s = Signature.getInstance("Ed25519", BC);
                s.initSign(privateKey);
                s.update(imageHash);
            } else {
                s = Signature.getInstance("SHA256withECDDSA", BC);
                s.initSign(privateKey);
                s.update(signedPayload);
            }
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(type + " signing failed", e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, readable and writable by the owner only (0600). */
    public void writePrivate(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(privateKey, null));
        }
        AtomicFile.write(file, out.toString().getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Writes the public key as SubjectPublicKeyInfo PEM, loadable by {@link TrustKey#load}. */
    public void writePublic(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(publicKey.publicKey());
        }
        AtomicFile.write(file, out.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    @Override
    public String toString() {
        // Public fingerprint only: this string may be logged.
        return type + " signing key " + fingerprint().substring(0, 16);
    }
}
