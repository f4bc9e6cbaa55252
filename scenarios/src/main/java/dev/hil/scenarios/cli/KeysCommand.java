package dev.hil.scenarios.cli;

import dev.hil.core.image.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hil keys generate}: image signing key pairs for labs and tests. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Create image signing key pairs (ECDSA P-256 or Ed25519).",
        subcommands = KeysCommand.Generate.class)
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write PREFIX.key.pem (PKCS#8, owner-only) and PREFIX.pub.pem, print the key fingerprint.")
    public static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--type", defaultValue = "ecdsa-p256", paramLabel = "ecdsa-p256|ed25519",
                description = "Key algorithm (default: ${DEFAULT-VALUE}).")
        String type;

        @Option(names = "--out", required = true, paramLabel = "PREFIX",
                description = "Path prefix of the two files written.")
        String prefix;

        @Option(names = "--force", description = "Replace existing key files.")
        boolean force;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SigningKey.Type keyType;
            try {
                keyType = SigningKey.Type.fromLabel(type);
            } catch (IllegalArgumentException e) {
                err.println("--type: " + e.getMessage());
                return 2;
            }
            Path keyFile = Path.of(prefix + ".key.pem");
            Path pubFile = Path.of(prefix + ".pub.pem");
            for (Path p : new Path[] {keyFile, pubFile}) {
                // Overwriting a signing key silently would orphan every image signed with it.
                if (Files.exists(p) && !force) {
                    err.println(p + ": already exists (use --force to replace it)");
                    return 2;
                }
            }
            SigningKey key = SigningKey.generate(keyType);
            try {
                key.writePrivate(keyFile);
                key.writePublic(pubFile);
            } catch (IOException e) {
                err.println(prefix + ": cannot write key files: " + e.getMessage());
                return 2;
            }
            out.println("type:        " + keyType.label());
            out.println("signing key: " + keyFile + " (rw-------, keep it off shared drives and out of logs)");
            out.println("trust key:   " + pubFile);
            out.println("fingerprint: " + key.fingerprint());
            out.flush();
            return 0;
        }
    }
}
