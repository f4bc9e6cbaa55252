package dev.hil.scenarios.engine;

import dev.hil.reports.evidence.EvidenceBundle;
import dev.hil.reports.evidence.EvidenceSeal;
import dev.hil.reports.evidence.LabKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Seals a finished run: its results plus every input it read (scenarios, rig, images, the harness jar). */
public final class RunEvidence {
    private RunEvidence() {
    }

    /** @param projectRoot where the inputs are recorded against and a verifier looks for them again */
    public static EvidenceSeal seal(Path results, Path projectRoot, Set<Path> read, Optional<Path> labKey,
                                    Optional<Path> labCert) throws IOException {
        LabKey key = labKey.isPresent() ? LabKey.load(labKey.get(), labCert.orElseThrow())
                : LabKey.loadOrGenerateTestOnly(Path.of("target", "lab-keys"));
        Set<Path> inputs = new LinkedHashSet<>(read);
        harnessJar().ifPresent(inputs::add);
        List<Path> absolute = new ArrayList<>();
        inputs.forEach(p -> absolute.add(p.toAbsolutePath().normalize()));
        return EvidenceBundle.seal(results, projectRoot, absolute, key);
    }

    /** One line for the run's output: what was sealed where, signed by whom. */
    static String describe(EvidenceSeal seal) {
        return seal.resultFiles() + " result files and " + seal.inputFiles() + " inputs sealed in "
                + seal.manifest().getParent() + ", signed by " + seal.signer();
    }

    private static Optional<Path> harnessJar() {
        try {
            Path p = Path.of(RunEvidence.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
