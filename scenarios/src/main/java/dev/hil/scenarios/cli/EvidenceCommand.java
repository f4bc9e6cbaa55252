package dev.hil.scenarios.cli;

import dev.hil.reports.evidence.EvidenceReport;
import dev.hil.reports.evidence.EvidenceVerifier;
import dev.hil.reports.evidence.LabKey;
import dev.hil.reports.evidence.Problem;
import dev.hil.reports.evidence.SignerIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hil evidence verify}: checks a run's signed evidence bundle (design.md section 7). */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = "Check the signed evidence bundle of a test run.",
        subcommands = EvidenceCommand.Verify.class)
public final class EvidenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every file of a results directory against its signed manifest "
                    + "(evidence/manifest.txt, evidence/manifest.p7s).",
                    "Exit 0 when nothing changed, 1 naming each changed, added or removed file or signature problem, "
                            + "2 on bad arguments."})
    public static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The results directory of the run.")
        Path dir;

        @Option(names = "--cert", paramLabel = "LAB_CERT",
                description = "PEM certificate the bundle must be signed with. Without it, any signer is accepted "
                        + "and only the integrity of the files is shown.")
        Path cert;

        @Option(names = "--root", paramLabel = "PROJECT_ROOT", defaultValue = ".",
                description = "Where the run's inputs (scenarios, rig, images, harness jar) are looked up "
                        + "(default: the current directory).")
        Path root;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println(dir + ": not a directory");
                return 2;
            }
            if (!Files.isDirectory(root)) {
                err.println("--root " + root + ": not a directory");
                return 2;
            }
            Optional<X509Certificate> trusted = Optional.empty();
            if (cert != null) {
                try {
                    trusted = Optional.of(LabKey.readCertificate(cert));
                } catch (IOException e) {
                    err.println("--cert " + e.getMessage());
                    return 2;
                }
            }
            EvidenceReport report;
            try {
                report = EvidenceVerifier.verify(dir, trusted, root);
            } catch (IOException e) {
                // A file that cannot be read cannot be vouched for: a failed check, not bad input.
                out.println("unreadable: " + e.getMessage());
                out.flush();
                return 1;
            }
            if (!report.ok()) {
                for (Problem p : report.problems()) {
                    out.println(p);
                }
                out.flush();
                err.println(dir + ": " + report.problems().size() + " problem(s); these are not the results that were sealed");
                return 1;
            }
            SignerIdentity signer = report.signer().orElseThrow();
            out.println("OK: " + report.files() + " files, signed by " + signer.subject() + " (" + signer.fingerprint() + ")");
            if (!report.trusted()) {
                out.println("note: signer not checked against a trusted certificate (give --cert LAB_CERT)");
            }
            if (signer.testOnly()) {
                out.println("note: signed with a TEST ONLY key; not evidence for a regulatory submission");
            }
            out.flush();
            return 0;
        }
    }
}
