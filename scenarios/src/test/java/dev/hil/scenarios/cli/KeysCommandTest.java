package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.SigningKey;
import dev.hil.core.image.TrustKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeysCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesAnEcdsaPairByDefaultAndPrintsItsFingerprint() throws Exception {
        String prefix = dir.resolve("lab/signing").toString();
        CliRun run = CliRun.of(new KeysCommand(), "generate", "--out", prefix);

        assertThat(run.exitCode()).as(run.all()).isZero();
        Path key = Path.of(prefix + ".key.pem");
        Path pub = Path.of(prefix + ".pub.pem");
        TrustKey trust = TrustKey.load(pub);
        assertThat(SigningKey.load(key).type()).isEqualTo(SigningKey.Type.ECDSA_P256);
        assertThat(run.out()).contains("fingerprint: " + trust.fingerprint()).contains("ecdsa-p256");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(run.all()).doesNotContain("PRIVATE KEY").doesNotContain(pemBody(key));
    }

    @Test
    void generatesEd25519() throws Exception {
        String prefix = dir.resolve("ed").toString();
        CliRun run = CliRun.of(new KeysCommand(), "generate", "--type", "ed25519", "--out", prefix);
        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(SigningKey.load(Path.of(prefix + ".key.pem")).type()).isEqualTo(SigningKey.Type.ED25519);
        assertThat(TrustKey.load(Path.of(prefix + ".pub.pem")).algorithm()).containsIgnoringCase("ed");
        assertThat(run.all()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void refusesToOverwriteAKeyWithoutForce() throws Exception {
        String prefix = dir.resolve("k").toString();
        assertThat(CliRun.of(new KeysCommand(), "generate", "--out", prefix).exitCode()).isZero();
        String before = Files.readString(Path.of(prefix + ".key.pem"));

        CliRun again = CliRun.of(new KeysCommand(), "generate", "--out", prefix);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains(prefix + ".key.pem: already exists");
        assertThat(Files.readString(Path.of(prefix + ".key.pem"))).isEqualTo(before);

        assertThat(CliRun.of(new KeysCommand(), "generate", "--force", "--out", prefix).exitCode()).isZero();
        assertThat(Files.readString(Path.of(prefix + ".key.pem"))).isNotEqualTo(before);
    }

    @Test
    void badInputExitsWithTwo() {
        CliRun badType = CliRun.of(new KeysCommand(), "generate", "--type", "rsa", "--out", dir.resolve("x").toString());
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("--type").contains("ecdsa-p256 or ed25519");
        assertThat(CliRun.of(new KeysCommand(), "generate").exitCode()).isEqualTo(2); // --out missing
        assertThat(CliRun.of(new KeysCommand()).exitCode()).isEqualTo(2);             // no subcommand
        assertThat(dir.toFile().list()).isEmpty();
    }

    private static String pemBody(Path pem) throws Exception {
        return Files.readAllLines(pem).get(1);
    }

    /** One run of a picocli command with its exit code and captured stdout/stderr. */
    static record CliRun(int exitCode, String out, String err) {
        static CliRun of(Object command, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(command);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }

        String all() {
            return out + err;
        }
    }
}
