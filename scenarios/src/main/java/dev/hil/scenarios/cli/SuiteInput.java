package dev.hil.scenarios.cli;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.run.SignatureCheckTimes;
import dev.hil.core.scenario.Scenario;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.RigFiles;
import dev.hil.scenarios.file.PhaseSweep;
import dev.hil.scenarios.file.ScenarioFile;
import dev.hil.scenarios.file.ScenarioFiles;
import dev.hil.scenarios.file.SuiteScan;
import dev.hil.scenarios.file.SuiteTestImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a run reads, loaded and checked before any device is touched: the rig file, every
 * scenario file, every fault's parameters and every image. Problems are collected, not thrown,
 * so the user sees them all at once.
 */
final class SuiteInput {
    final List<String> problems = new ArrayList<>();
    final List<Scenario> scenarios = new ArrayList<>();
    final Set<Path> files = new LinkedHashSet<>();
    /** Sweeps over every occurrence of a phase: their points are counted on the rig, at run time. */
    final List<PhaseSweep> phaseSweeps = new ArrayList<>();
    RigSpec rig;

    static SuiteInput load(Path rigFile, List<Path> paths) {
        SuiteInput in = new SuiteInput();
        try {
            SuiteTestImages.ensureFor(paths);
        } catch (InputError e) {
            in.add(e);
        }
        if (rigFile != null) {
            try {
                in.rig = RigFiles.load(rigFile);
            } catch (InputError e) {
                in.add(e);
            }
        }
        FaultCatalog catalog = FaultCatalog.load();
        List<Path> found;
        try {
            found = SuiteScan.scan(paths);
        } catch (InputError e) {
            in.add(e);
            return in;
        }
        Map<String, Path> ids = new HashMap<>();
        Map<Path, String> imageProblems = new HashMap<>();
        for (Path file : found) {
            in.files.add(file);
            try {
                ScenarioFile loaded = ScenarioFiles.read(file, catalog.kinds());
                List<Scenario> checked = new ArrayList<>(loaded.cases());
                // Point 1 stands for all points of a phase sweep: they differ only in nth; the reference too.
                loaded.phaseSweep().ifPresent(p -> {
                    in.phaseSweeps.add(p);
                    checked.add(p.point(1));
                });
                for (Scenario s : checked) {
                    Path other = ids.putIfAbsent(s.id(), file);
                    if (other != null && !other.equals(file)) {
                        in.problems.add(file + ":1:1: scenario id '" + s.id() + "' is already used by " + other);
                    }
                    for (FaultSpec f : s.faults()) {
                        try {
                            catalog.create(f);
                        } catch (IllegalArgumentException e) {
                            in.problems.add(e.getMessage());
                        }
                        in.checkPhases(f, f.params());
                    }
                    in.checkSignatureCheckPhases(s);
                    for (Path image : List.of(s.given().running(), s.when().updateImage())) {
                        imageProblems.computeIfAbsent(image, SuiteInput::imageProblem);
                    }
                    if (loaded.cases().contains(s)) {
                        in.scenarios.add(s);
                    }
                }
            } catch (InputError e) {
                in.add(e);
            }
        }
        imageProblems.values().stream().filter(p -> !p.isEmpty()).distinct().forEach(in.problems::add);
        return in;
    }

    /** A {@code phase:} trigger names a phase the rig must map to its device's log. */
    private void checkPhases(FaultSpec fault, Object params) {
        if (rig == null) {
            return;
        }
        if (params instanceof Map<?, ?> m) {
            Object phase = m.get("phase");
            if (phase != null && !rig.phases().containsKey(String.valueOf(phase))) {
                problems.add(fault.mark() + ": " + fault.kind() + ": rig '" + rig.name() + "' (" + rig.file()
                        + ") maps no phase '" + phase + "' to a device-log pattern (it maps: "
                        + String.join(", ", rig.phases().keySet()) + ")");
            }
            m.values().forEach(v -> checkPhases(fault, v));
        } else if (params instanceof List<?> l) {
            l.forEach(v -> checkPhases(fault, v));
        }
    }

    /** A signature-check budget is measured between the rig's {@code verify} and {@code verified} log lines. */
    private void checkSignatureCheckPhases(Scenario s) {
        Scenario.TimeBudget budget = s.then().signatureCheck();
        if (rig == null || budget == null) {
            return;
        }
        try {
            new SignatureCheckTimes(rig.phases()); // the runner's own check, made before any device is touched
        } catch (IllegalArgumentException e) {
            problems.add(budget.mark() + ": signature-check: rig '" + rig.name() + "' (" + rig.file() + "): "
                    + e.getMessage());
        }
    }

    private static String imageProblem(Path image) {
        try {
            FirmwareImage.read(image);
            return "";
        } catch (IOException | ImageFormatException e) {
            return e.getMessage();
        }
    }

    private void add(InputError e) {
        e.all().forEach(p -> problems.add(p.getMessage()));
    }

    /** True if {@code caseId} is a case of the input: a scenario, a sweep point, or a phase sweep's point or reference. */
    boolean names(String caseId) {
        return scenarios.stream().anyMatch(s -> s.id().equals(caseId))
                || phaseSweeps.stream().anyMatch(p -> p.named(caseId).isPresent());
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** Prints every problem, one per line, to stderr. */
    void report(PrintWriter err) {
        problems.stream().distinct().forEach(err::println);
        err.println(problems.size() + " problem(s) in the input; nothing was run");
        err.flush();
    }
}
