package dev.hil.scenarios.engine;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.rig.Requirement;
import dev.hil.core.rig.RigAssembly;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.Scenario;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.LibraryTriggers;
import dev.hil.scenarios.file.RigFiles;
import dev.hil.scenarios.file.ScenarioFile;
import dev.hil.scenarios.file.ScenarioFiles;
import dev.hil.scenarios.file.SuiteScan;
import dev.hil.scenarios.file.SuiteTestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a run reads, loaded and checked before any device is touched: the rig file, every
 * scenario file, every fault's parameters, every image, and what each scenario needs of the rig.
 * Problems are collected, not thrown, so the user sees them all at once. A scenario the rig cannot
 * carry is a problem when its file was named explicitly; found in a folder, it is skipped with
 * the reason (a folder of the library holds families for other rigs). The engine's discovery and
 * {@code hil validate} both run this, so every front door gives the same guarantees.
 */
public final class SuitePreflight {
    /** A problem found in {@code file} (a scenario file, the rig file, a named path). */
    public record Problem(Path file, String message) {
    }

    /** A loaded scenario file the rig can run. */
    public record Unit(Path file, ScenarioFile loaded) {
    }

    /** A scenario file found in a folder whose needs the rig lacks. */
    public record Skipped(Path file, String id, String title, List<String> reasons) {
        public String reason() {
            return "rig cannot run it: " + String.join("; ", reasons);
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private final List<Unit> units = new ArrayList<>();
    private final List<Skipped> skipped = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<Path> inputs = new LinkedHashSet<>();
    private RigSpec rig;
    /** What the rig offers: its own wiring and phases, and what its protocol provider reads. */
    private Set<RigCapability> offered = Set.of();

    private SuitePreflight() {
    }

    /**
     * @param rigFile     the rig file; without it (hil validate without --rig) the rig checks are left out
     * @param roots       scenario files and folders
     */
    public static SuitePreflight check(Optional<Path> rigFile, List<Path> roots) {
        SuitePreflight p = new SuitePreflight();
        try {
            SuiteTestImages.ensureFor(roots);
        } catch (InputError e) {
            p.add(e);
        }
        rigFile.ifPresent(p::loadRig);
        List<Path> files;
        try {
            files = SuiteScan.scan(roots);
        } catch (InputError e) {
            p.add(e);
            return p;
        }
        Set<Path> named = new LinkedHashSet<>();
        roots.stream().filter(Files::isRegularFile).forEach(r -> named.add(r.toAbsolutePath().normalize()));
        FaultCatalog catalog = FaultCatalog.load();
        Map<String, Path> ids = new HashMap<>();
        Map<Path, String> imageProblems = new HashMap<>();
        for (Path file : files) {
            p.checkFile(file, named.contains(file), catalog, ids, imageProblems);
        }
        imageProblems.forEach((image, problem) -> {
            if (!problem.isEmpty()) {
                p.problems.add(new Problem(image, problem));
            }
        });
        return p;
    }

    private void loadRig(Path file) {
        try {
            rig = RigFiles.load(file);
            offered = RigAssembly.load().offers(rig);
            inputs.add(file);
        } catch (InputError e) {
            add(e);
        }
    }

    private void checkFile(Path file, boolean named, FaultCatalog catalog, Map<String, Path> ids,
                           Map<Path, String> imageProblems) {
        ScenarioFile loaded;
        try {
            loaded = ScenarioFiles.read(file, catalog.kinds());
        } catch (InputError e) {
            add(e);
            return;
        }
        List<Scenario> checked = new ArrayList<>(loaded.cases());
        // Point 1 stands for all points of a phase sweep: they differ only in nth; the reference too.
        loaded.phaseSweep().ifPresent(s -> checked.add(s.point(1)));
        int problemsBefore = problems.size();
        checked.stream().flatMap(s -> LibraryTriggers.warnings(s).stream()).distinct().forEach(warnings::add);
        Set<Requirement> needs = new LinkedHashSet<>(loaded.needs());
        List<String> caseIds = new ArrayList<>(loaded.cases().stream().map(Scenario::id).toList());
        loaded.phaseSweep().ifPresent(s -> caseIds.add(s.id()));
        for (String id : caseIds) {
            Path other = ids.putIfAbsent(id, file);
            if (other != null && !other.equals(file)) {
                problems.add(new Problem(file, file + ":1:1: scenario id '" + id + "' is already used by " + other));
            }
        }
        for (Scenario s : checked) {
            for (FaultSpec f : s.faults()) {
                try {
                    needs.addAll(catalog.needs(f));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(file, e.getMessage()));
                }
            }
            for (Path image : List.of(s.given().running(), s.when().updateImage())) {
                if (!SuiteTestImages.isGeometryImage(image)) { // those are made for the rig below
                    imageProblems.computeIfAbsent(image, SuitePreflight::imageProblem);
                }
            }
        }
        List<String> unmet = rig == null ? List.of()
                : needs.stream().filter(n -> !offered.contains(n.capability())).map(n -> n.unmetBy(rig)).distinct().toList();
        if (!unmet.isEmpty() && named) {
            unmet.forEach(m -> problems.add(new Problem(file, m)));
        } else if (!unmet.isEmpty()) {
            Scenario first = checked.get(0);
            // A sweep's cases are its points (ID[param=value]); the file is skipped as a whole, under its id.
            skipped.add(new Skipped(file, caseIds.get(0).replaceFirst("\\[.*$", ""), first.title(), unmet));
        } else if (problems.size() == problemsBefore) {
            ScenarioFile onRig = loaded;
            if (rig != null) {
                try {
                    onRig = RigImages.forRig(loaded, rig);
                } catch (IOException | RuntimeException e) {
                    problems.add(new Problem(file, file + ":1:1: cannot make its geometry images for rig '" + rig.name()
                            + "': " + e.getMessage()));
                    return;
                }
            }
            units.add(new Unit(file, onRig));
            inputs.add(file);
            onRig.cases().forEach(s -> {
                inputs.add(s.given().running());
                inputs.add(s.when().updateImage());
            });
            onRig.phaseSweep().ifPresent(p -> {
                inputs.add(p.point(1).given().running());
                inputs.add(p.point(1).when().updateImage());
            });
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
        e.all().forEach(p -> problems.add(new Problem(p.mark().file(), p.getMessage())));
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Every problem's message, each once, in the order found. */
    public List<String> messages() {
        return problems.stream().map(Problem::message).distinct().toList();
    }

    /** What is allowed but wrong for the suite, e.g. a device-log trigger in the standard library. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public List<Unit> units() {
        return List.copyOf(units);
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** The rig, when its file was given and is valid. */
    public Optional<RigSpec> rig() {
        return Optional.ofNullable(rig);
    }

    /** What a run of the runnable units reads: rig file, scenario files, images (sealed with the results). */
    public Set<Path> inputs() {
        return java.util.Collections.unmodifiableSet(inputs);
    }

    /** Cases known before the run (a phase sweep's points are counted on the rig). */
    public int caseCount() {
        return units.stream().mapToInt(u -> u.loaded().cases().size()).sum();
    }

    public long phaseSweepCount() {
        return units.stream().filter(u -> u.loaded().phaseSweep().isPresent()).count();
    }

    /** True if {@code caseId} is a case of a runnable unit: a scenario, a sweep point, or a phase sweep's point or reference. */
    public boolean names(String caseId) {
        return units.stream().anyMatch(u -> u.loaded().names(caseId));
    }
}
