package dev.hil.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningKeyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void writtenPairLoadsBackAsTheSameKey(SigningKey.Type type) throws Exception {
        SigningKey key = SigningKey.generate(type);
        Path priv = dir.resolve("k.key.pem");
        Path pub = dir.resolve("k.pub.pem");
        key.writePrivate(priv);
        key.writePublic(pub);

        assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");

        SigningKey loaded = SigningKey.load(priv);
        assertThat(loaded.type()).isEqualTo(type);
        assertThat(loaded.fingerprint()).isEqualTo(key.fingerprint());
        assertThat(TrustKey.load(pub).fingerprint()).isEqualTo(key.fingerprint());
        assertThat(TrustKey.load(pub).signatureTlvType()).isEqualTo(key.signatureTlvType());
    }

    @Test
    void rewritingAPrivateKeyKeepsItOwnerOnly() throws Exception {
        Path priv = dir.resolve("k.key.pem");
        Files.writeString(priv, "old");
        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r--r--"));
        SigningKey.generate(SigningKey.Type.ED25519).writePrivate(priv);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv))).isEqualTo("rw-------");
        assertThat(Files.list(dir)).containsExactly(priv); // no temp file left behind
    }

    @Test
    void loadsOpenSslTraditionalEcPrivateKey() throws Exception {
        SigningKey key = SigningKey.generate(SigningKey.Type.ECDSA_P256);
        Path priv = dir.resolve("p.key.pem");
        key.writePrivate(priv);
        PrivateKey jca = privateKeyOf(SigningKey.load(priv), priv);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(jca); // BC writes EC keys as "EC PRIVATE KEY"
        }
        Path traditional = dir.resolve("trad.pem");
        Files.writeString(traditional, out.toString());
        assertThat(out.toString()).contains("EC PRIVATE KEY");
        assertThat(SigningKey.load(traditional).fingerprint()).isEqualTo(key.fingerprint());
    }

    @ParameterizedTest
    @EnumSource(SigningKey.Type.class)
    void toStringRevealsNoKeyMaterial(SigningKey.Type type) throws Exception {
        SigningKey key = SigningKey.generate(type);
        Path priv = dir.resolve("k.key.pem");
        key.writePrivate(priv);
        byte[] encoded = privateKeyOf(key, priv).getEncoded();
        String text = key.toString();
        assertThat(text).doesNotContain("PRIVATE")
                .doesNotContain(HexFormat.of().formatHex(encoded).substring(60))
                .doesNotContain(Base64.getEncoder().encodeToString(encoded).substring(40, 60))
                .contains(key.fingerprint().substring(0, 16));
    }

    @Test
    void publicKeyFileIsRefusedAsSigningKey() throws Exception {
        Path pub = dir.resolve("k.pub.pem");
        SigningKey.generate(SigningKey.Type.ECDSA_P256).writePublic(pub);
        assertThatThrownBy(() -> SigningKey.load(pub)).hasMessageContaining("public key").hasMessageStartingWith(pub.toString());
    }

    @Test
    void brokenPemMessageDoesNotQuoteTheFile() throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0c2VjcmV0c2VjcmV0\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SigningKey.load(bad))
                .hasMessageStartingWith(bad.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0").doesNotContain("secret"));
        assertThatThrownBy(() -> SigningKey.load(dir.resolve("missing.pem"))).hasMessageContaining("no such file");
    }

    @Test
    void typeLabelsParse() {
        assertThat(SigningKey.Type.fromLabel("ED25519")).isEqualTo(SigningKey.Type.ED25519);
        assertThat(SigningKey.Type.fromLabel("ecdsa-p256")).isEqualTo(SigningKey.Type.ECDSA_P256);
        assertThatThrownBy(() -> SigningKey.Type.fromLabel("rsa-2048")).hasMessageContaining("ecdsa-p256 or ed25519");
    }

    /** The JCA private key, read back from the PEM independently of SigningKey. */
    private static PrivateKey privateKeyOf(SigningKey key, Path pem) throws Exception {
        try (var r = Files.newBufferedReader(pem); var p = new org.bouncycastle.openssl.PEMParser(r)) {
            Object o = p.readObject();
            var conv = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter()
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            return o instanceof org.bouncycastle.openssl.PEMKeyPair kp ? conv.getKeyPair(kp).getPrivate()
                    : conv.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
        }
    }
}
