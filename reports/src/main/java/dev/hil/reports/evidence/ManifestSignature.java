package dev.hil.reports.evidence;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;

/**
 * The detached CMS SignedData over the manifest bytes (DER, SHA256withECDSA, signer certificate
 * included), so {@code openssl cms -verify -binary -inform DER -content manifest.txt} can check it too.
 */
final class ManifestSignature {
    private ManifestSignature() {
    }

    static byte[] sign(byte[] manifest, LabKey key) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(LabKey.BC).build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(LabKey.BC)
                            .build(key.privateKey()), key.certificate()));
            gen.addCertificates(new JcaCertStore(List.of(key.certificate())));
            CMSSignedData signed = gen.generate(new CMSProcessableByteArray(manifest), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateException | CMSException | IOException e) {
            // No key bytes in these messages: they come from provider and encoder setup.
            throw new IllegalStateException("cannot sign the evidence manifest with " + key, e);
        }
    }

    /** What checking a signature found; {@code signer} is known whenever the CMS could be read. */
    record Check(Outcome outcome, Optional<X509Certificate> signer, String detail) {
        enum Outcome { VALID, CONTENT_MISMATCH, BAD_SIGNATURE, CERTIFICATE_NOT_VALID, MALFORMED }
    }

    static Check check(byte[] manifest, byte[] p7s) {
        SignerInformation signer;
        X509Certificate cert;
        try {
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(manifest), p7s);
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                return malformed("expected one signer, found " + signers.size());
            }
            signer = signers.iterator().next();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches((Selector<X509CertificateHolder>) signer.getSID());
            if (certs.isEmpty()) {
                return malformed("the signer's certificate is not included");
            }
            cert = new JcaX509CertificateConverter().getCertificate(certs.iterator().next());
        } catch (CMSException | CertificateException | RuntimeException e) {
            return malformed("not a CMS SignedData structure: " + e.getMessage());
        }
        try {
            boolean ok = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(LabKey.BC).build(cert));
            return ok ? new Check(Check.Outcome.VALID, Optional.of(cert), "")
                    : new Check(Check.Outcome.BAD_SIGNATURE, Optional.of(cert), "signature value does not verify");
        } catch (CMSSignerDigestMismatchException e) {
            return new Check(Check.Outcome.CONTENT_MISMATCH, Optional.of(cert), "SHA-256 of the manifest differs from the signed one");
        } catch (CMSVerifierCertificateNotValidException e) {
            return new Check(Check.Outcome.CERTIFICATE_NOT_VALID, Optional.of(cert), e.getMessage());
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            return new Check(Check.Outcome.BAD_SIGNATURE, Optional.of(cert), e.getMessage());
        }
    }

    private static Check malformed(String detail) {
        return new Check(Check.Outcome.MALFORMED, Optional.empty(), detail);
    }
}
