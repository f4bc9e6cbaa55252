package dev.hil.scenarios.cli;

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
import java.util.Set;

/** Seals a finished run: its results plus every input it read (scenarios, rig, images, the harness jar). */
final class Evidence {
    private Evidence() {
    }

    static EvidenceSeal seal(Path results, Path rig, SuiteInput in, Path labKey, Path labCert) throws IOException {
        LabKey key = labKey != null ? LabKey.load(labKey, labCert)
                : LabKey.loadOrGenerateTestOnly(Path.of("target", "lab-keys"));
        Set<Path> inputs = new LinkedHashSet<>(in.files);
        inputs.add(rig);
        in.scenarios.forEach(s -> {
            inputs.add(s.given().running());
            inputs.add(s.when().updateImage());
        });
        harnessJar().ifPresent(inputs::add);
        List<Path> absolute = new ArrayList<>();
        inputs.forEach(p -> absolute.add(p.toAbsolutePath().normalize()));
        return EvidenceBundle.seal(results, Path.of("").toAbsolutePath(), absolute, key);
    }

    private static java.util.Optional<Path> harnessJar() {
        try {
            Path p = Path.of(Evidence.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
