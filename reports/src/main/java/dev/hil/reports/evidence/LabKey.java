package dev.hil.reports.evidence;

import dev.hil.core.image.PrivateKeyPem;
import dev.hil.core.storage.AtomicFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The lab's evidence signing key: an ECDSA private key and the X.509 certificate auditors check
 * signatures against. Key material never appears in {@link #toString()} or in exception messages,
 * since those end up in logs and reports.
 */
public final class LabKey {
    /** Not registered globally: the harness otherwise runs on the JDK providers. */
    static final Provider BC = new BouncyCastleProvider();

    public static final String TEST_KEY_FILE = "lab-test.key.pem";
    public static final String TEST_CERT_FILE = "lab-test.cert.pem";
    private static final Duration TEST_VALIDITY = Duration.ofDays(3650);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final SignerIdentity identity;

    private LabKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.identity = SignerIdentity.of(certificate);
    }

    /**
     * Creates a self-signed ECDSA P-256 pair for the virtual rig in {@code dir}: {@value #TEST_KEY_FILE}
     * (PKCS#8, 0600) and {@value #TEST_CERT_FILE}, CN marked "TEST ONLY" so no bundle signed with it
     * passes as lab evidence. Refuses to replace an existing pair, which would make bundles sealed
     * with it fail {@code --cert} checks against the old certificate.
     */
    public static LabKey generateTestOnly(Path dir) throws IOException {
        Path keyFile = dir.resolve(TEST_KEY_FILE);
        Path certFile = dir.resolve(TEST_CERT_FILE);
        for (Path p : new Path[] {keyFile, certFile}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null, "test lab key exists; load it instead");
            }
        }
        LabKey key = selfSigned("O=HIL test harness,CN=HIL virtual rig evidence key - TEST ONLY");
        key.writePrivate(keyFile);
        AtomicFile.write(certFile, pem(key.certificate).getBytes(StandardCharsets.US_ASCII), false);
        return key;
    }

    /** The virtual rig's pair in {@code dir}: loaded if both files exist, else generated. */
    public static synchronized LabKey loadOrGenerateTestOnly(Path dir) throws IOException {
        Path keyFile = dir.resolve(TEST_KEY_FILE);
        Path certFile = dir.resolve(TEST_CERT_FILE);
        Files.createDirectories(dir);
        // Parallel runs (qualification modes, CI shards) start together: one generates, the others
        // wait and load the same pair instead of each writing its own half.
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(".generate.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock ignored = ch.lock()) {
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                return load(keyFile, certFile);
            }
            return generateTestOnly(dir);
        }
    }

    /**
     * Loads the lab key: a PEM private key (PKCS#8 {@code PRIVATE KEY} or OpenSSL
     * {@code EC PRIVATE KEY}) and the PEM certificate of its public half. Checks they belong
     * together, so a mixed-up pair fails here rather than producing bundles nobody can verify.
     */
    public static LabKey load(Path keyPem, Path certPem) throws IOException {
        PrivateKey key = readPrivateKey(keyPem);
        X509Certificate cert = readCertificate(certPem);
        if (!(key instanceof ECPrivateKey)) {
            throw new IOException(keyPem + ": not an EC private key (evidence is signed with SHA256withECDSA)");
        }
        if (!signsFor(key, cert)) {
            throw new IOException(keyPem + ": private key does not belong to the certificate in " + certPem);
        }
        return new LabKey(key, cert);
    }

    /** Reads one PEM X.509 certificate, e.g. the trusted lab certificate given to the verifier. */
    public static X509Certificate readCertificate(Path certPem) throws IOException {
        Object o;
        try (Reader r = Files.newBufferedReader(certPem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            o = p.readObject();
        } catch (NoSuchFileException e) {
            throw new IOException(certPem + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new IOException(certPem + ": not a readable PEM certificate");
        }
        if (!(o instanceof X509CertificateHolder holder)) {
            throw new IOException(certPem + ": not a PEM certificate"
                    + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IOException(certPem + ": unusable certificate: " + e.getMessage());
        }
    }

    private static PrivateKey readPrivateKey(Path pem) throws IOException {
        PrivateKeyInfo info = PrivateKeyPem.read(pem);
        try {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IOException(pem + ": unsupported private key");
        }
    }

    /** Signs a random challenge and checks it with the certificate's public key. */
    private static boolean signsFor(PrivateKey key, X509Certificate cert) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature s = Signature.getInstance("SHA256withECDSA", BC);
            s.initSign(key);
            s.update(challenge);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance("SHA256withECDSA", BC);
            v.initVerify(cert.getPublicKey());
            v.update(challenge);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static LabKey selfSigned(String subject) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(TEST_VALIDITY)),
                    name, kp.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509CertificateHolder holder = b.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(kp.getPrivate()));
            return new LabKey(kp.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create a test lab key", e);
        }
    }

    private void writePrivate(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(privateKey, null));
        }
        AtomicFile.write(file, out.toString().getBytes(StandardCharsets.US_ASCII), true);
    }

    private static String pem(X509Certificate cert) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        }
        return out.toString();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public SignerIdentity identity() {
        return identity;
    }

    /** Package-private: only the manifest signer needs it, and it never leaves this package. */
    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        // Certificate identity only: this string may be logged.
        return "lab key " + identity;
    }
}
