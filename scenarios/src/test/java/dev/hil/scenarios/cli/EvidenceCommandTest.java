package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.reports.evidence.EvidenceBundle;
import dev.hil.reports.evidence.LabKey;
import dev.hil.reports.evidence.SignerIdentity;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvidenceCommandTest {
    @TempDir
    Path base;

    Path project;
    Path results;
    Path labCert;
    SignerIdentity lab;

    @BeforeEach
    void sealARun() throws Exception {
        project = base.resolve("project");
        results = project.resolve("target/allure-results");
        write(results.resolve("a1-result.json"), "{\"name\":\"power cut mid-upload\",\"status\":\"passed\"}");
        write(results.resolve("a1-attachment.txt"), "serial transcript\nboot: slot 0 ok\n");
        write(results.resolve("environment.properties"), "rig=virtual\n");
        write(project.resolve("scenarios/cut.yaml"), "name: cut\n");
        LabKey key = LabKey.generateTestOnly(base.resolve("keys"));
        labCert = base.resolve("keys/lab-test.cert.pem");
        lab = key.identity();
        EvidenceBundle.seal(results, project, List.of(project.resolve("scenarios/cut.yaml")), key);
    }

    private CliRun verify(String... extra) {
        return CliRun.of(new EvidenceCommand(), Stream.concat(
                Stream.of("verify", results.toString(), "--root", project.toString()), Stream.of(extra))
                .toArray(String[]::new));
    }

    @Test
    void anUntouchedRunIsOk() {
        CliRun run = verify("--cert", labCert.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).startsWith("OK: 4 files, signed by " + lab.subject() + " (" + lab.fingerprint() + ")\n")
                .contains("TEST ONLY key").doesNotContain("not checked against a trusted");
        assertThat(verify().out()).contains("note: signer not checked against a trusted certificate");
    }

    @Test
    void aChangedByteInAnAttachmentFails() throws Exception {
        Path attachment = results.resolve("a1-attachment.txt");
        byte[] b = Files.readAllBytes(attachment);
        b[5] ^= 0x20;
        Files.write(attachment, b);
        assertFailsWith(verify(), "changed: a1-attachment.txt (sha256 ");
    }

    @Test
    void aRemovedResultFileFails() throws Exception {
        Files.delete(results.resolve("a1-result.json"));
        assertFailsWith(verify(), "removed: a1-result.json");
    }

    @Test
    void anAddedFileFails() throws Exception {
        write(results.resolve("b2-attachment.txt"), "later");
        assertFailsWith(verify(), "added: b2-attachment.txt (not in the manifest)");
    }

    @Test
    void anEditedManifestFails() throws Exception {
        Path manifest = results.resolve("evidence/manifest.txt");
        String text = Files.readString(manifest);
        assertThat(text).contains("\ndate: 20");
        Files.writeString(manifest, text.replace("\ndate: 20", "\ndate: 19")); // one character
        assertFailsWith(verify(), "manifest edited: evidence/manifest.txt");
    }

    @Test
    void aManifestReSignedWithAnotherKeyFails() throws Exception {
        Path otherDir = base.resolve("other");
        LabKey other = LabKey.generateTestOnly(otherDir);
        Path manifest = results.resolve("evidence/manifest.txt");
        Files.write(results.resolve("evidence/manifest.p7s"),
                sign(Files.readAllBytes(manifest), otherDir.resolve("lab-test.key.pem"), other));

        assertFailsWith(verify(), "signed by another key: evidence/manifest.p7s");
        assertFailsWith(verify("--cert", labCert.toString()), "untrusted signer: " + other.identity());
    }

    @Test
    void aSignerOtherThanTheTrustedCertificateFails() throws Exception {
        LabKey.generateTestOnly(base.resolve("real-lab"));
        CliRun run = verify("--cert", base.resolve("real-lab/lab-test.cert.pem").toString());
        assertFailsWith(run, "untrusted signer: " + lab + " (not the trusted certificate ");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void eachProblemIsOnItsOwnLine() throws Exception {
        Files.delete(results.resolve("a1-result.json"));
        write(results.resolve("new.txt"), "x");
        CliRun run = verify();
        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("removed: a1-result.json (");
        assertThat(lines.get(1)).isEqualTo("added: new.txt (not in the manifest)");
    }

    @Test
    void badArgumentsExitWithTwo() throws Exception {
        assertThat(CliRun.of(new EvidenceCommand()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of(new EvidenceCommand(), "verify").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(new EvidenceCommand(), "verify", results.toString(), "--bogus").exitCode()).isEqualTo(2);
        CliRun noDir = CliRun.of(new EvidenceCommand(), "verify", base.resolve("nope").toString());
        assertThat(noDir.exitCode()).isEqualTo(2);
        assertThat(noDir.err()).contains("nope: not a directory");
        CliRun keyAsCert = verify("--cert", base.resolve("keys/lab-test.key.pem").toString());
        assertThat(keyAsCert.exitCode()).isEqualTo(2);
        assertThat(keyAsCert.err()).contains("lab-test.key.pem: not a PEM certificate");
        assertThat(keyAsCert.all()).doesNotContain(Files.readAllLines(base.resolve("keys/lab-test.key.pem")).get(1));
        assertThat(verify("--cert", base.resolve("missing.pem").toString()).exitCode()).isEqualTo(2);
    }

    private static void assertFailsWith(CliRun run, String line) {
        assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
        assertThat(run.out().lines()).as(run.all()).anyMatch(l -> l.startsWith(line));
        assertThat(run.out()).doesNotContain("OK:");
    }

    /** Re-signs the manifest as an attacker with their own key would: detached CMS, their certificate. */
    private static byte[] sign(byte[] content, Path keyPem, LabKey owner) throws Exception {
        PrivateKey key;
        try (Reader r = Files.newBufferedReader(keyPem); PEMParser p = new PEMParser(r)) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) p.readObject());
        }
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), owner.certificate()));
        gen.addCertificates(new JcaCertStore(List.of(owner.certificate())));
        return gen.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** One in-process run of the command with its exit code and captured output. */
    record CliRun(int exitCode, String out, String err) {
        static CliRun of(Object command, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(command);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new CliRun(cl.execute(args), out.toString(), err.toString());
        }

        String all() {
            return out + err;
        }
    }
}
