package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.core.image.Tlv;
import dev.hil.core.image.TrustKey;
import dev.hil.scenarios.cli.KeysCommandTest.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCommandTest {
    @TempDir
    Path dir;
    Path bin;
    String key;
    String pub;

    @BeforeEach
    void keyAndBinary() throws Exception {
        bin = dir.resolve("app.bin");
        byte[] body = new byte[3000];
        new Random(1).nextBytes(body);
        Files.write(bin, body);
        key = dir.resolve("lab.key.pem").toString();
        pub = dir.resolve("lab.pub.pem").toString();
        SigningKey k = SigningKey.generate(SigningKey.Type.ECDSA_P256);
        k.writePrivate(Path.of(key));
        k.writePublic(Path.of(pub));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-p256", "ed25519"})
    void signThenInspectWithTrustIsValid(String type) throws Exception {
        String prefix = dir.resolve(type).toString();
        assertThat(CliRun.of(new KeysCommand(), "generate", "--type", type, "--out", prefix).exitCode()).isZero();
        Path out = dir.resolve("app.signed");

        CliRun sign = CliRun.of(new ImageCommand(), "sign", "--key", prefix + ".key.pem", "--version", "1.2.3",
                bin.toString(), out.toString());
        assertThat(sign.exitCode()).as(sign.all()).isZero();
        FirmwareImage img = FirmwareImage.read(out);
        assertThat(img.version()).isEqualTo(ImageVersion.parse("1.2.3"));
        assertThat(sign.out()).contains(img.hashHex());

        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", prefix + ".pub.pem");
        assertThat(inspect.exitCode()).as(inspect.all()).isZero();
        assertThat(inspect.out())
                .contains("magic 0x96f3b83d").contains("hdr_size 32").contains("img_size 3000")
                .contains("version:     1.2.3").contains("SHA256").contains("KEYHASH")
                .contains(type.equals("ed25519") ? "ED25519" : "ECDSA_SIG")
                .contains("hash:        " + img.hashHex())
                .contains("hash TLV:    matches")
                .contains("signature:   valid");
        assertThat(sign.all() + inspect.all()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void inspectWithoutTrustDoesNotCheckTheSignature() {
        Path out = dir.resolve("app.signed");
        assertThat(CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "2.0.0+7", bin.toString(),
                out.toString()).exitCode()).isZero();
        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString());
        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.out()).contains("not checked (no --trust)").contains("2.0.0.7");
    }

    @Test
    void tamperedImageIsInvalidAgainstTrustWithExitOne() throws Exception {
        Path out = dir.resolve("app.signed");
        CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.0.0", bin.toString(), out.toString());
        byte[] bytes = Files.readAllBytes(out);
        bytes[32 + 100] ^= 0x10;
        Files.write(out, bytes);

        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", pub);
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.out()).contains("hash TLV:    MISMATCH").contains("signature:   INVALID");
    }

    @Test
    void imageSignedWithAnotherKeyIsInvalidWithExitOne() throws Exception {
        Path otherPub = dir.resolve("other.pub.pem");
        SigningKey.generate(SigningKey.Type.ECDSA_P256).writePublic(otherPub);
        Path out = dir.resolve("app.signed");
        CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.0.0", bin.toString(), out.toString());
        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", otherPub.toString());
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.out()).contains("hash TLV:    matches").contains("signed with another key");
    }

    @Test
    void unsignedImageHasOnlyAHashAndFailsTrust() throws Exception {
        Path out = dir.resolve("app.unsigned");
        CliRun sign = CliRun.of(new ImageCommand(), "sign", "--unsigned", "--version", "1.1.0", bin.toString(), out.toString());
        assertThat(sign.exitCode()).as(sign.all()).isZero();
        assertThat(FirmwareImage.read(out).tlvs()).extracting(Tlv::type).containsExactly(Tlv.SHA256);
        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", pub);
        assertThat(inspect.exitCode()).isEqualTo(1);
        assertThat(inspect.out()).contains("unsigned");
    }

    @Test
    void securityCounterIsShown() throws Exception {
        Path out = dir.resolve("app.signed");
        assertThat(CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.0.0", "--security-counter", "3",
                bin.toString(), out.toString()).exitCode()).isZero();
        CliRun inspect = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", pub);
        assertThat(inspect.exitCode()).isZero();
        assertThat(inspect.out()).containsPattern("SEC_CNT\\s+0x50\\s+4 bytes protected\\s+3");
        assertThat(TrustKey.load(Path.of(pub)).verify(FirmwareImage.read(out)).valid()).isTrue();
    }

    @Test
    void inspectBadInputExitsTwoWithFileAndReason() throws Exception {
        Path missing = dir.resolve("nope.signed");
        CliRun r1 = CliRun.of(new ImageCommand(), "inspect", missing.toString());
        assertThat(r1.exitCode()).isEqualTo(2);
        assertThat(r1.err().trim()).isEqualTo(missing + ": no such file");

        CliRun r2 = CliRun.of(new ImageCommand(), "inspect", bin.toString());
        assertThat(r2.exitCode()).isEqualTo(2);
        assertThat(r2.err()).startsWith(bin + ": bad header magic");

        Path out = dir.resolve("app.signed");
        CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.0.0", bin.toString(), out.toString());
        byte[] whole = Files.readAllBytes(out);
        Path truncated = dir.resolve("truncated.signed");
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 20));
        CliRun r3 = CliRun.of(new ImageCommand(), "inspect", truncated.toString(), "--trust", pub);
        assertThat(r3.exitCode()).isEqualTo(2);
        assertThat(r3.err()).startsWith(truncated + ": ");

        CliRun r4 = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", key); // private key as trust
        assertThat(r4.exitCode()).isEqualTo(2);
        assertThat(r4.err()).startsWith(key + ": not a PEM public key");
        assertThat(r4.all()).doesNotContain("PRIVATE KEY").doesNotContain(Files.readAllLines(Path.of(key)).get(1));

        CliRun r5 = CliRun.of(new ImageCommand(), "inspect", out.toString(), "--trust", dir.resolve("none.pem").toString());
        assertThat(r5.exitCode()).isEqualTo(2);
        assertThat(r5.err().trim()).isEqualTo(dir.resolve("none.pem") + ": no such file");
    }

    @Test
    void signBadInputExitsTwo() throws Exception {
        String out = dir.resolve("o.signed").toString();
        CliRun noKey = CliRun.of(new ImageCommand(), "sign", "--version", "1.0.0", bin.toString(), out);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--key");

        CliRun badVersion = CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.x", bin.toString(), out);
        assertThat(badVersion.exitCode()).isEqualTo(2);
        assertThat(badVersion.err()).contains("--version").contains("'1.x' is not a version");

        Path missing = dir.resolve("missing.bin");
        CliRun noIn = CliRun.of(new ImageCommand(), "sign", "--key", key, "--version", "1.0.0", missing.toString(), out);
        assertThat(noIn.exitCode()).isEqualTo(2);
        assertThat(noIn.err().trim()).isEqualTo(missing + ": no such file");

        CliRun pubAsKey = CliRun.of(new ImageCommand(), "sign", "--key", pub, "--version", "1.0.0", bin.toString(), out);
        assertThat(pubAsKey.exitCode()).isEqualTo(2);
        assertThat(pubAsKey.err()).startsWith(pub + ": is a public key");

        Path garbage = dir.resolve("garbage.key.pem");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nAAAAc2VjcmV0\n-----END PRIVATE KEY-----\n");
        CliRun badKey = CliRun.of(new ImageCommand(), "sign", "--key", garbage.toString(), "--version", "1.0.0",
                bin.toString(), out);
        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).startsWith(garbage + ": ").doesNotContain("AAAAc2VjcmV0").doesNotContain("PRIVATE KEY");

        assertThat(Files.exists(Path.of(out))).isFalse();
        assertThat(CliRun.of(new ImageCommand(), "sign", "--unsigned", "--key", key, "--version", "1.0.0",
                bin.toString(), out).exitCode()).isEqualTo(2);
    }

    @Test
    void signHelpWorksDespiteTheVersionOption() {
        CliRun help = CliRun.of(new ImageCommand(), "sign", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--version=MAJOR.MINOR.REV[+BUILD]").contains("--unsigned");
    }
}
