package dev.hil.reports.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceVerifierTest {
    @TempDir
    Path base;

    SealedRun run;

    @BeforeEach
    void seal() throws Exception {
        run = new SealedRun(base);
    }

    private EvidenceReport verify() throws Exception {
        return EvidenceVerifier.verify(run.results, Optional.of(run.key.certificate()), run.project);
    }

    private static List<String> lines(EvidenceReport r) {
        return r.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void anUntouchedRunVerifiesAndNamesItsSigner() throws Exception {
        EvidenceReport r = verify();

        assertThat(lines(r)).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.files()).isEqualTo(6); // 4 results + 2 inputs
        assertThat(r.signer()).contains(run.key.identity());
        assertThat(r.trusted()).isTrue();
        assertThat(r.signer().orElseThrow().testOnly()).isTrue();
        assertThat(run.seal.resultFiles()).isEqualTo(4);
        assertThat(run.seal.inputFiles()).isEqualTo(2);
    }

    @Test
    void withoutATrustedCertificateTheEmbeddedOneIsUsedButNotTrusted() throws Exception {
        EvidenceReport r = EvidenceVerifier.verify(run.results, Optional.empty(), run.project);
        assertThat(r.ok()).isTrue();
        assertThat(r.trusted()).isFalse();
    }

    @Test
    void oneChangedByteInAnAttachmentIsNamed() throws Exception {
        SealedRun.flipByte(run.results.resolve("1f2e-attachment.txt"), 7);

        EvidenceReport r = verify();

        assertThat(r.ok()).isFalse();
        assertThat(lines(r)).singleElement().asString()
                .startsWith("changed: 1f2e-attachment.txt (sha256 ").contains("sealed with");
    }

    @Test
    void aChangedSizeIsReportedAsSuch() throws Exception {
        Path svg = run.results.resolve("timelines/1f2e timeline.svg");
        long sealed = Files.size(svg);
        Files.writeString(svg, "x", StandardCharsets.UTF_8);
        assertThat(lines(verify())).containsExactly("changed: timelines/1f2e timeline.svg (1 bytes, sealed with " + sealed + ")");
    }

    @Test
    void aRemovedResultFileIsNamed() throws Exception {
        Files.delete(run.results.resolve("1f2e-result.json"));
        assertThat(lines(verify())).singleElement().asString().startsWith("removed: 1f2e-result.json");
    }

    @Test
    void anAddedFileIsNamedAnywhereIncludingTheEvidenceFolder() throws Exception {
        SealedRun.write(run.results.resolve("timelines/extra.txt"), "planted");
        SealedRun.write(run.results.resolve("evidence/README"), "trust me");

        assertThat(lines(verify())).containsExactly(
                "added: timelines/extra.txt (not in the manifest)",
                "added: evidence/README (not part of the evidence bundle)");
    }

    @Test
    void oneEditedCharacterOfTheManifestBreaksTheSignature() throws Exception {
        String text = run.manifestText();
        // The date line: no file entry changes, so only the signature can catch it.
        int i = text.indexOf("date: ") + "date: ".length() + 3;
        char c = text.charAt(i);
        Files.writeString(run.manifest(), text.substring(0, i) + (c == '9' ? '8' : (char) (c + 1)) + text.substring(i + 1));

        EvidenceReport r = verify();

        assertThat(lines(r)).singleElement().asString().startsWith("manifest edited: evidence/manifest.txt");
        assertThat(r.signer()).isEmpty();
    }

    @Test
    void aManifestEditedToMatchATamperedFileIsStillCaught() throws Exception {
        Path attachment = run.results.resolve("1f2e-attachment.txt");
        String before = FileDigest.of(attachment).sha256();
        SealedRun.flipByte(attachment, 0);
        Files.writeString(run.manifest(), run.manifestText().replace(before, FileDigest.of(attachment).sha256()));

        assertThat(lines(verify())).singleElement().asString().startsWith("manifest edited:");
    }

    @Test
    void aManifestReSignedWithAnotherKeyIsCaughtEvenWithoutATrustedCertificate() throws Exception {
        LabKey other = LabKey.generateTestOnly(base.resolve("other"));
        Files.write(run.signature(), ManifestSignature.sign(Files.readAllBytes(run.manifest()), other));

        EvidenceReport untrusting = EvidenceVerifier.verify(run.results, Optional.empty(), run.project);
        assertThat(lines(untrusting)).singleElement().asString()
                .startsWith("signed by another key: evidence/manifest.p7s")
                .contains(run.key.identity().fingerprint()).contains(other.identity().fingerprint());

        assertThat(verify().problems()).extracting(Problem::kind)
                .containsExactlyInAnyOrder(Problem.Kind.UNTRUSTED_SIGNER, Problem.Kind.FOREIGN_SIGNER);
    }

    @Test
    void aCertificateOtherThanTheTrustedOneIsReported() throws Exception {
        LabKey lab = LabKey.generateTestOnly(base.resolve("lab"));

        EvidenceReport r = EvidenceVerifier.verify(run.results, Optional.of(lab.certificate()), run.project);

        assertThat(r.trusted()).isFalse();
        assertThat(lines(r)).singleElement().asString()
                .startsWith("untrusted signer: " + run.key.identity())
                .contains("not the trusted certificate " + lab.identity());
    }

    @Test
    void missingBundleFilesAreNamed() throws Exception {
        Files.delete(run.signature());
        assertThat(lines(verify())).containsExactly("missing signature: evidence/manifest.p7s (the manifest is unsigned)");

        Files.delete(run.manifest());
        assertThat(verify().problems()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.MISSING_MANIFEST, Problem.Kind.MISSING_SIGNATURE);
    }

    @Test
    void aSignatureThatIsNotCmsIsMalformed() throws Exception {
        byte[] p7s = Files.readAllBytes(run.signature());
        Files.write(run.signature(), java.util.Arrays.copyOf(p7s, p7s.length / 2));
        assertThat(lines(verify())).singleElement().asString().startsWith("malformed signature: evidence/manifest.p7s");

        Files.writeString(run.signature(), "-----BEGIN PKCS7-----\nnot der\n");
        assertThat(verify().problems()).extracting(Problem::kind).containsExactly(Problem.Kind.MALFORMED_SIGNATURE);
    }

    @Test
    void inputsAreCheckedUnderTheProjectRoot() throws Exception {
        SealedRun.flipByte(run.project.resolve("rigs/virtual.yaml"), 0);
        Files.delete(run.project.resolve("scenarios/power/cut-mid-upload.yaml"));

        List<String> lines = lines(verify());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("input changed: rigs/virtual.yaml (sha256 ");
        assertThat(lines.get(1)).isEqualTo("input missing: scenarios/power/cut-mid-upload.yaml (not found under "
                + run.project.toAbsolutePath() + ")");

        // Verified from elsewhere, every input is missing but the results still check out.
        EvidenceReport elsewhere = EvidenceVerifier.verify(run.results, Optional.empty(), base);
        assertThat(elsewhere.problems()).extracting(Problem::kind)
                .containsOnly(Problem.Kind.INPUT_MISSING).hasSize(2);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        SealedRun.flipByte(run.results.resolve("environment.properties"), 0);
        Files.delete(run.results.resolve("1f2e-result.json"));
        SealedRun.write(run.results.resolve("new.json"), "{}");

        assertThat(verify().problems()).extracting(Problem::kind)
                .containsExactly(Problem.Kind.REMOVED, Problem.Kind.CHANGED, Problem.Kind.ADDED);
    }

    @Test
    void aPlantedFileNameCannotForgeAReportLine() throws Exception {
        SealedRun.write(run.results.resolve("x\nOK: all good"), "");
        assertThat(lines(verify())).containsExactly("added: x\\x0aOK: all good (not in the manifest)");
    }

    @Test
    void aResultsDirThatIsNotADirectoryIsAnError() {
        assertThatThrownBy(() -> EvidenceVerifier.verify(base.resolve("nope"), Optional.empty()))
                .isInstanceOf(NotDirectoryException.class);
    }
}
