package dev.hil.reports.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Checks a sealed results directory against its evidence bundle and names every difference,
 * rather than stopping at the first, so one run of it tells an auditor the whole story.
 *
 * <p>Without a trusted certificate this proves only that the files match what the embedded
 * certificate's key signed; anyone can make such a pair. Give the lab certificate to prove who.
 */
public final class EvidenceVerifier {
    private EvidenceVerifier() {
    }

    /** As {@link #verify(Path, Optional, Path)} with inputs looked up from the working directory. */
    public static EvidenceReport verify(Path resultsDir, Optional<X509Certificate> trusted) throws IOException {
        return verify(resultsDir, trusted, Path.of(""));
    }

    /**
     * @param trusted the lab certificate the bundle must be signed with, if the caller has one
     * @param projectRoot where the manifest's input paths are resolved
     * @throws IOException if {@code resultsDir} is not a directory or a present file cannot be read
     */
    public static EvidenceReport verify(Path resultsDir, Optional<X509Certificate> trusted, Path projectRoot)
            throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            throw new NotDirectoryException(resultsDir.toString());
        }
        ResultsDirectory dir = new ResultsDirectory(resultsDir);
        List<Problem> problems = new ArrayList<>();
        if (!Files.isRegularFile(dir.manifest())) {
            problems.add(new Problem(Problem.Kind.MISSING_MANIFEST, ResultsDirectory.MANIFEST,
                    "nothing to check the results against"));
            if (!Files.isRegularFile(dir.signature())) {
                problems.add(new Problem(Problem.Kind.MISSING_SIGNATURE, ResultsDirectory.SIGNATURE, ""));
            }
            return new EvidenceReport(problems, 0, Optional.empty(), false);
        }
        byte[] manifestBytes = Files.readAllBytes(dir.manifest());
        Optional<X509Certificate> signerCert = checkSignature(dir, manifestBytes, problems);
        Optional<SignerIdentity> signer = signerCert.map(SignerIdentity::of);
        boolean isTrusted = false;
        if (signerCert.isPresent() && trusted.isPresent()) {
            isTrusted = sameCertificate(signerCert.get(), trusted.get());
            if (!isTrusted) {
                problems.add(new Problem(Problem.Kind.UNTRUSTED_SIGNER, signer.get().toString(),
                        "not the trusted certificate " + SignerIdentity.of(trusted.get())));
            }
        }

        Manifest manifest;
        try {
            manifest = Manifest.parse(manifestBytes);
        } catch (Manifest.ManifestFormatException e) {
            problems.add(new Problem(Problem.Kind.MALFORMED_MANIFEST, ResultsDirectory.MANIFEST, e.getMessage()));
            return new EvidenceReport(problems, 0, signer, isTrusted);
        }
        if (signer.isPresent() && !signer.get().fingerprint().equals(manifest.signer().fingerprint())) {
            // The signature verifies, but with a key other than the one the manifest was sealed
            // for: someone re-signed the manifest.
            problems.add(new Problem(Problem.Kind.FOREIGN_SIGNER, ResultsDirectory.SIGNATURE,
                    "manifest was sealed by " + manifest.signer() + ", signature is by " + signer.get()));
        }
        checkResults(dir, manifest, problems);
        checkInputs(projectRoot, manifest, problems);
        return new EvidenceReport(problems, manifest.entries().size(), signer, isTrusted);
    }

    private static Optional<X509Certificate> checkSignature(ResultsDirectory dir, byte[] manifest, List<Problem> problems)
            throws IOException {
        if (!Files.isRegularFile(dir.signature())) {
            problems.add(new Problem(Problem.Kind.MISSING_SIGNATURE, ResultsDirectory.SIGNATURE,
                    "the manifest is unsigned"));
            return Optional.empty();
        }
        ManifestSignature.Check check = ManifestSignature.check(manifest, Files.readAllBytes(dir.signature()));
        switch (check.outcome()) {
            case VALID -> {
            }
            case MALFORMED -> problems.add(new Problem(Problem.Kind.MALFORMED_SIGNATURE, ResultsDirectory.SIGNATURE,
                    check.detail()));
            case CONTENT_MISMATCH -> problems.add(new Problem(Problem.Kind.MANIFEST_EDITED, ResultsDirectory.MANIFEST,
                    "does not match its signature: " + check.detail()));
            case BAD_SIGNATURE -> problems.add(new Problem(Problem.Kind.BAD_SIGNATURE, ResultsDirectory.SIGNATURE,
                    check.detail()));
            case CERTIFICATE_NOT_VALID -> problems.add(new Problem(Problem.Kind.CERTIFICATE_NOT_VALID,
                    ResultsDirectory.SIGNATURE, check.detail()));
        }
        // Only a signature that verifies names a signer worth reporting.
        return check.outcome() == ManifestSignature.Check.Outcome.VALID ? check.signer() : Optional.empty();
    }

    private static void checkResults(ResultsDirectory dir, Manifest manifest, List<Problem> problems) throws IOException {
        SortedMap<String, Path> present = dir.results();
        for (ManifestEntry e : manifest.entries(ManifestEntry.Origin.RESULT)) {
            Path file = present.remove(e.path());
            if (file == null) {
                problems.add(new Problem(Problem.Kind.REMOVED, e.path(), "sealed with " + e.size() + " bytes, now gone"));
            } else {
                compare(e, FileDigest.of(file), Problem.Kind.CHANGED, problems);
            }
        }
        for (String extra : present.keySet()) {
            problems.add(new Problem(Problem.Kind.ADDED, extra, "not in the manifest"));
        }
        for (String stray : dir.strayEvidence().keySet()) {
            problems.add(new Problem(Problem.Kind.ADDED, stray, "not part of the evidence bundle"));
        }
    }

    private static void checkInputs(Path root, Manifest manifest, List<Problem> problems) throws IOException {
        for (ManifestEntry e : manifest.entries(ManifestEntry.Origin.INPUT)) {
            Path file = root.resolve(e.path());
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(Problem.Kind.INPUT_MISSING, e.path(),
                        "not found under " + root.toAbsolutePath().normalize()));
            } else {
                compare(e, FileDigest.of(file), Problem.Kind.INPUT_CHANGED, problems);
            }
        }
    }

    private static void compare(ManifestEntry e, FileDigest actual, Problem.Kind kind, List<Problem> problems) {
        if (actual.size() != e.size()) {
            problems.add(new Problem(kind, e.path(), actual.size() + " bytes, sealed with " + e.size()));
        } else if (!actual.sha256().equals(e.sha256())) {
            problems.add(new Problem(kind, e.path(), "sha256 " + actual.sha256() + ", sealed with " + e.sha256()));
        }
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }
}
