package dev.hil.scenarios.engine;

import dev.hil.core.scenario.Scenario;
import dev.hil.scenarios.file.ScenarioFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The JUnit Platform engine that runs scenario files, so {@code hil run}, Maven Surefire and IDEs
 * run suites the same way. Scenario files come from file/directory selectors or the
 * {@code hil.scenarios} configuration parameter; the rig from {@code hil.rig}. Discovery makes the
 * whole preflight ({@link SuitePreflight}): bad input becomes failing tests and no device is
 * touched; scenarios a rig cannot carry, found in a folder, are skipped with the reason.
 * Execution seals the results when asked ({@code hil.evidence}, or the CI variable is set).
 */
public final class HilTestEngine implements TestEngine {
    public static final String ID = "hil-scenarios";
    /** Report entry on the suite: one line saying what evidence bundle the run sealed. */
    public static final String EVIDENCE_ENTRY = "evidence";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineSettings settings = EngineSettings.from(request.getConfigurationParameters());
        Set<Path> roots = new LinkedHashSet<>(settings.scenarioPaths());
        request.getSelectorsByType(DirectorySelector.class).forEach(s -> roots.add(s.getPath()));
        request.getSelectorsByType(FileSelector.class).stream().map(FileSelector::getPath)
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                .forEach(roots::add);
        if (roots.isEmpty()) {
            return new SuiteDescriptor(uniqueId, settings, null); // nothing for us: leave Jupiter-only runs alone
        }
        SuitePreflight preflight = SuitePreflight.check(settings.rig(), List.copyOf(roots));
        SuiteDescriptor suite = new SuiteDescriptor(uniqueId, settings, preflight);
        Path where = roots.iterator().next();
        List<SuitePreflight.Problem> problems = new ArrayList<>(preflight.problems());
        if (settings.rig().isEmpty()) {
            problems.add(new SuitePreflight.Problem(where, "no rig given: set the configuration parameter "
                    + EngineSettings.RIG + " (hil run --rig FILE)"));
        }
        settings.problem().ifPresent(p -> problems.add(new SuitePreflight.Problem(where, p)));
        Map<Path, List<String>> byFile = new LinkedHashMap<>();
        problems.forEach(p -> byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p.message()));
        byFile.forEach((file, messages) -> suite.addChild(new InvalidFileDescriptor(uniqueId, file,
                messages.stream().distinct().toList())));
        // Each unit is a case or a phase sweep (whose points exist only after its reference run).
        List<TestDescriptor> cases = new ArrayList<>();
        for (SuitePreflight.Unit unit : preflight.units()) {
            ScenarioFile loaded = unit.loaded();
            if (settings.caseId().isPresent()) {
                selected(loaded, settings.caseId().get()).ifPresent(s -> cases.add(new ScenarioDescriptor(uniqueId, s, 1)));
                continue;
            }
            loaded.cases().forEach(s -> cases.add(new ScenarioDescriptor(uniqueId, s, 1)));
            loaded.phaseSweep().ifPresent(p -> cases.add(new PhaseSweepDescriptor(uniqueId, p)));
        }
        boolean firstShard = settings.shard().map(s -> s.index() == 1).orElse(true);
        for (SuitePreflight.Skipped skipped : preflight.skipped()) {
            if (firstShard && settings.caseId().map(c -> c.startsWith(skipped.id())).orElse(true)) {
                suite.addChild(new SkippedScenarioDescriptor(uniqueId, skipped));
            }
        }
        if (settings.caseId().isPresent() && cases.isEmpty() && suite.getChildren().isEmpty()) {
            suite.addChild(new InvalidFileDescriptor(uniqueId, where, List.of("hil: --case '"
                    + settings.caseId().get() + "' names no case in " + roots + " (ids are printed by hil validate;"
                    + " a sweep point looks like ID[param=value])")));
        }
        for (int i = 0; i < cases.size(); i++) {
            int position = i;
            if (settings.shard().map(s -> s.keeps(position)).orElse(true)) {
                suite.addChild(cases.get(i));
            }
        }
        return suite;
    }

    /** The one case {@code caseId} names in this file, if any. */
    private static java.util.Optional<Scenario> selected(ScenarioFile file, String caseId) {
        return file.cases().stream().filter(s -> s.id().equals(caseId)).findFirst()
                .or(() -> file.phaseSweep().flatMap(p -> p.named(caseId)));
    }

    @Override
    public void execute(ExecutionRequest request) {
        new SuiteExecution((SuiteDescriptor) request.getRootTestDescriptor(), request.getEngineExecutionListener(),
                request.getConfigurationParameters()).run();
    }

    /** The engine's root: the suite, with the settings discovery saw. */
    static final class SuiteDescriptor extends EngineDescriptor {
        private final EngineSettings settings;
        private final SuitePreflight preflight;

        SuiteDescriptor(UniqueId id, EngineSettings settings, SuitePreflight preflight) {
            super(id, "HIL scenarios");
            this.settings = settings;
            this.preflight = preflight;
        }

        EngineSettings settings() {
            return settings;
        }

        /** What discovery checked; null when the request named no scenarios. */
        SuitePreflight preflight() {
            return preflight;
        }
    }
}
