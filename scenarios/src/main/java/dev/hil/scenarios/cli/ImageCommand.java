package dev.hil.scenarios.cli;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.image.ImageSigner;
import dev.hil.core.image.ImageVersion;
import dev.hil.core.image.SigningKey;
import dev.hil.core.image.Tlv;
import dev.hil.core.image.TrustKey;
import dev.hil.core.image.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hil image sign|inspect}: build MCUboot images and look inside them. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Sign raw binaries as MCUboot images, or inspect an image.",
        subcommands = {ImageCommand.Sign.class, ImageCommand.Inspect.class})
public final class ImageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    // No mixinStandardHelpOptions here: its -V/--version would clash with the image --version option.
    @Command(name = "sign",
            description = "Build an MCUboot image (header, body, SHA256/KEYHASH/signature TLVs) from a raw binary.")
    public static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--key", paramLabel = "KEY.pem", description = "PEM private key (ECDSA P-256 or Ed25519).")
        Path key;

        @Option(names = "--version", required = true, paramLabel = "MAJOR.MINOR.REV[+BUILD]",
                description = "Image version written into the header.")
        String version;

        @Option(names = "--unsigned", description = "Only the SHA256 TLV, no signature (for rejection tests).")
        boolean unsigned;

        @Option(names = "--security-counter", paramLabel = "N",
                description = "Add a protected SEC_CNT TLV (anti-rollback counter).")
        Long securityCounter;

        @Parameters(index = "0", paramLabel = "IN.bin", description = "Raw application binary.")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT.signed", description = "Image file to write.")
        Path out;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (unsigned == (key != null)) {
                err.println(unsigned ? "--unsigned and --key exclude each other" : "--key KEY.pem is required unless --unsigned");
                return 2;
            }
            ImageVersion v;
            try {
                v = ImageVersion.parse(version);
            } catch (IllegalArgumentException e) {
                err.println("--version: " + e.getMessage());
                return 2;
            }
            if (!Files.isRegularFile(in)) {
                err.println(in + ": " + (Files.exists(in) ? "not a regular file" : "no such file"));
                return 2;
            }
            ImageSigner signer;
            SigningKey signingKey = null;
            try {
                if (unsigned) {
                    signer = ImageSigner.unsigned();
                } else {
                    signingKey = SigningKey.load(key); // message names the file, never the key
                    signer = ImageSigner.signedBy(signingKey);
                }
                if (securityCounter != null) {
                    signer = signer.withSecurityCounter(securityCounter);
                }
            } catch (IOException | IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            FirmwareImage image;
            try {
                image = signer.sign(in, v, out);
            } catch (IOException e) {
                err.println(out + ": cannot write: " + ioReason(e));
                return 2;
            } catch (IllegalStateException e) {
                err.println(in + ": " + e.getMessage());
                return 2;
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println(out + ": version " + image.version() + ", body " + image.bodySize() + " bytes, image "
                    + image.size() + " bytes");
            o.println("hash:   " + image.hashHex());
            o.println(signingKey == null ? "signed: no (unsigned image)"
                    : "signed: " + signingKey.type().label() + ", key " + signingKey.fingerprint());
            o.flush();
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print an image's header, TLVs and hash; check its signature with --trust.")
    public static final class Inspect implements Callable<Integer> {
        private static final Map<Integer, String> TLV_NAMES = Map.ofEntries(
                Map.entry(Tlv.KEYHASH, "KEYHASH"), Map.entry(0x02, "PUBKEY"), Map.entry(Tlv.SHA256, "SHA256"),
                Map.entry(0x11, "SHA384"), Map.entry(0x20, "RSA2048_PSS"), Map.entry(0x21, "ECDSA224"),
                Map.entry(Tlv.ECDSA_SIG, "ECDSA_SIG"), Map.entry(0x23, "RSA3072_PSS"), Map.entry(Tlv.ED25519, "ED25519"),
                Map.entry(0x30, "ENC_RSA2048"), Map.entry(0x31, "ENC_KW"), Map.entry(0x32, "ENC_EC256"),
                Map.entry(0x33, "ENC_X25519"), Map.entry(0x40, "DEPENDENCY"), Map.entry(Tlv.SEC_CNT, "SEC_CNT"),
                Map.entry(0x60, "BOOT_RECORD"));

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "MCUboot image.")
        Path file;

        @Option(names = "--trust", paramLabel = "PUB.pem", description = "Public key to verify the signature with.")
        Path trust;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            FirmwareImage image;
            TrustKey trustKey = null;
            try {
                image = FirmwareImage.read(file);
            } catch (IOException e) {
                err.println(file + ": " + ioReason(e));
                return 2;
            } catch (ImageFormatException e) {
                err.println(e.getMessage()); // already "FILE: reason"
                return 2;
            }
            if (trust != null) {
                try {
                    trustKey = TrustKey.load(trust);
                } catch (IOException e) {
                    String reason = ioReason(e);
                    err.println(reason.startsWith(trust.toString()) ? reason : trust + ": " + reason);
                    return 2;
                } catch (RuntimeException e) {
                    err.println(trust + ": not a usable public key");
                    return 2;
                }
            }

            PrintWriter o = spec.commandLine().getOut();
            byte[] bytes = image.bytes();
            ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            o.println("file:        " + file);
            o.printf("size:        %d bytes (header %d, body %d, protected TLVs %d, TLVs %d)%n", image.size(),
                    image.headerSize(), image.bodySize(), image.protectedTlvSize(),
                    image.size() - image.headerSize() - image.bodySize() - image.protectedTlvSize());
            o.printf("header:      magic 0x%08x, load_addr 0x%08x, hdr_size %d, protect_tlv_size %d, img_size %d,"
                            + " flags 0x%08x%n", h.getInt(0), image.loadAddress(), image.headerSize(),
                    image.protectedTlvSize(), image.bodySize(), image.flags());
            o.println("version:     " + image.version() + " (build " + image.version().build() + ")");
            o.println("tlvs:");
            for (Tlv t : image.tlvs()) {
                o.printf("  %-11s 0x%02x %3d bytes%s  %s%n", TLV_NAMES.getOrDefault(t.type(), "UNKNOWN"), t.type(),
                        t.value().length, t.isProtected() ? " protected" : "", describe(t));
            }
            o.println("hash:        " + image.hashHex() + " (SHA-256 of header, body, protected TLVs)");
            o.println("hash TLV:    " + (image.tlv(Tlv.SHA256).isEmpty() ? "missing"
                    : image.hashTlvMatches() ? "matches" : "MISMATCH"));
            int code = 0;
            if (trustKey == null) {
                o.println("signature:   not checked (no --trust)");
            } else {
                Verdict v = trustKey.verify(image);
                o.println("signature:   " + (v.valid() ? "valid: " : "INVALID: ") + v.reason());
                o.println("trust key:   " + trust + " (" + trustKey.algorithm() + ", " + trustKey.fingerprint() + ")");
                code = v.valid() ? 0 : 1;
            }
            o.flush();
            return code;
        }

        private static String describe(Tlv t) {
            byte[] v = t.value();
            if (t.type() == Tlv.SEC_CNT && v.length == 4) {
                return Integer.toUnsignedString(ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt());
            }
            String hex = HexFormat.of().formatHex(v);
            return v.length <= 32 ? hex : hex.substring(0, 64) + "...";
        }
    }

    private static String ioReason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
