package dev.hil.reports.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceBundleTest {
    @TempDir
    Path base;

    SealedRun run;

    @BeforeEach
    void seal() throws Exception {
        run = new SealedRun(base);
    }

    @Test
    void theBundleIsTwoFilesInTheEvidenceFolder() throws Exception {
        try (Stream<Path> s = Files.list(run.results.resolve("evidence"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("manifest.txt", "manifest.p7s");
        }
        assertThat(run.seal.manifest()).isEqualTo(run.manifest().toAbsolutePath());
        assertThat(run.seal.signer()).isEqualTo(run.key.identity());
    }

    @Test
    void theManifestListsEveryFileSortedWithHashSizeAndOrigin() throws Exception {
        String text = run.manifestText();
        List<String> entries = text.lines().filter(l -> l.matches("[0-9a-f]{64}  .*")).toList();

        assertThat(entries).extracting(l -> l.substring(66)).containsExactly(
                "34  result  1f2e-attachment.txt",
                "49  result  1f2e-result.json",
                "20  result  environment.properties",
                "41  result  timelines/1f2e timeline.svg",
                "14  input  rigs/virtual.yaml",
                "38  input  scenarios/power/cut-mid-upload.yaml");
        assertThat(entries.get(0)).startsWith(FileDigest.of(run.results.resolve("1f2e-attachment.txt")).sha256());
        assertThat(text).contains("format: hil-evidence-manifest/1\n")
                .containsPattern("\ndate: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n")
                .contains("\nharness-version: ")
                .contains("\nsigner: " + run.key.identity().subject() + "\n")
                .contains("\nsigner-certificate-sha256: " + run.key.identity().fingerprint() + "\n");
    }

    @Test
    void resealingReplacesTheBundleAndIgnoresTheOldOne() throws Exception {
        EvidenceSeal again = EvidenceBundle.seal(run.results, run.project, List.of(), run.key);
        assertThat(again.resultFiles()).isEqualTo(4);
        assertThat(again.inputFiles()).isZero();
        assertThat(EvidenceVerifier.verify(run.results, java.util.Optional.empty(), run.project).ok()).isTrue();
    }

    @Test
    void noFileOfTheBundleOrTheResultsHoldsThePrivateKey() throws Exception {
        String keyPem = Files.readString(run.keys.resolve(LabKey.TEST_KEY_FILE));
        String keyBody = keyPem.lines().skip(1).findFirst().orElseThrow();
        assertThat(keyPem).contains("PRIVATE KEY"); // the check below can find what it looks for
        for (Path f : ResultsDirectory.regularFiles(run.results)) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(content).as(f.toString()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody);
        }
        assertThat(run.key.toString()).doesNotContain(keyBody).contains(run.key.identity().fingerprint());
    }

    @Test
    void aRunWhoseResultsHoldAPrivateKeyIsNotSealed() throws Exception {
        Files.delete(run.manifest());
        Files.delete(run.signature());
        Files.copy(run.keys.resolve(LabKey.TEST_KEY_FILE), run.results.resolve("oops.txt"));

        assertThatThrownBy(() -> EvidenceBundle.seal(run.results, run.project, List.of(), run.key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oops.txt contains a PEM private key")
                .message().doesNotContain("BEGIN");
        assertThat(run.manifest()).doesNotExist();
    }

    @Test
    void aMissingInputIsAnError() {
        assertThatThrownBy(() -> EvidenceBundle.seal(run.results, run.project,
                List.of(run.project.resolve("images/app.bin")), run.key))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("images/app.bin");
    }

    @Test
    void sha256sumChecksTheResultFilesWithTheCommandTheManifestGives() throws Exception {
        assumeThat(onPath("sha256sum")).isTrue();
        String command = run.manifestText().lines().filter(l -> l.contains("| sha256sum -c")).findFirst()
                .orElseThrow().replaceFirst("^#\\s+", "");

        assertThat(sh(run.results, command)).isZero();
        SealedRun.flipByte(run.results.resolve("1f2e-result.json"), 3);
        assertThat(sh(run.results, command)).isNotZero();
    }

    @Test
    void opensslVerifiesTheDetachedSignature() throws Exception {
        assumeThat(onPath("openssl")).isTrue();
        String command = "openssl cms -verify -binary -inform DER -in evidence/manifest.p7s -content evidence/manifest.txt"
                + " -CAfile '" + run.keys.resolve(LabKey.TEST_CERT_FILE) + "' -purpose any -out /dev/null";

        assertThat(sh(run.results, command)).isZero();
        Files.writeString(run.manifest(), run.manifestText() + "\n");
        assertThat(sh(run.results, command)).isNotZero();
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static int sh(Path dir, String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
