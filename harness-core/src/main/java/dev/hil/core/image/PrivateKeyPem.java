package dev.hil.core.image;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads an unencrypted PEM private key (PKCS#8 or OpenSSL's "EC PRIVATE KEY") for the image
 * signing key and the lab's evidence key. Error messages name the file and a fixed reason only:
 * parser messages are dropped because they could quote key bytes.
 */
public final class PrivateKeyPem {
    private PrivateKeyPem() {
    }

    public static PrivateKeyInfo read(Path pem) throws IOException {
        Object o;
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            o = p.readObject();
        } catch (NoSuchFileException e) {
            throw new IOException(pem + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new IOException(pem + ": not a readable PEM private key");
        }
        if (o instanceof PrivateKeyInfo pki) {
            return pki;
        }
        if (o instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (o instanceof SubjectPublicKeyInfo) {
            throw new IOException(pem + ": is a public key; a private key is needed to sign");
        }
        throw new IOException(pem + ": not an unencrypted PEM private key"
                + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
    }
}
