package dev.hil.reports.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/**
 * Who signed a bundle, as an auditor compares it: the certificate subject and the SHA-256 of the
 * DER certificate (what {@code openssl x509 -noout -fingerprint -sha256} prints, without colons).
 */
public record SignerIdentity(String subject, String fingerprint) {
    /** The CN marker {@link LabKey#generateTestOnly} puts in throwaway virtual-rig certificates. */
    static final String TEST_ONLY_MARKER = "TEST ONLY";

    public static SignerIdentity of(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            String fp = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            return new SignerIdentity(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253), fp);
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** True for the self-signed virtual-rig certificates, which are no evidence for a submission. */
    public boolean testOnly() {
        return subject.contains(TEST_ONLY_MARKER);
    }

    @Override
    public String toString() {
        return subject + " (" + fingerprint + ")";
    }
}
