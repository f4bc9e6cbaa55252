package dev.hil.scenarios.engine;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.scenario.Scenario;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.ScenarioFile;
import dev.hil.scenarios.file.ScenarioFiles;
import dev.hil.scenarios.file.SuiteScan;
import dev.hil.scenarios.file.SuiteTestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code hil.scenarios} configuration parameter; the rig from {@code hil.rig}.
 */
public final class HilTestEngine implements TestEngine {
    public static final String ID = "hil-scenarios";

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
        SuiteDescriptor suite = new SuiteDescriptor(uniqueId, settings);
        if (roots.isEmpty()) {
            return suite; // nothing for us: leave Jupiter-only runs alone
        }
        FaultCatalog catalog = FaultCatalog.load();
        List<Path> files;
        try {
            SuiteTestImages.ensureFor(List.copyOf(roots));
            files = SuiteScan.scan(List.copyOf(roots));
        } catch (InputError e) {
            suite.addChild(new InvalidFileDescriptor(uniqueId, e.mark().file(), messages(e)));
            return suite;
        }
        // Each unit is a case or a phase sweep (whose points exist only after its reference run).
        List<TestDescriptor> cases = new ArrayList<>();
        Map<String, Path> seenIds = new HashMap<>();
        for (Path file : files) {
            try {
                ScenarioFile loaded = ScenarioFiles.read(file, catalog.kinds());
                List<String> ids = new ArrayList<>(loaded.cases().stream().map(Scenario::id).toList());
                loaded.phaseSweep().ifPresent(p -> ids.add(p.id()));
                boolean clash = false;
                for (String id : ids) {
                    Path other = seenIds.putIfAbsent(id, file);
                    if (other != null) {
                        suite.addChild(new InvalidFileDescriptor(uniqueId, file, List.of(file + ":1:1: scenario id '"
                                + id + "' is already used by " + other)));
                        clash = true;
                    }
                }
                if (clash) {
                    continue;
                }
                if (settings.caseId().isPresent()) {
                    selected(loaded, settings.caseId().get()).ifPresent(s -> cases.add(new ScenarioDescriptor(uniqueId, s, 1)));
                    continue;
                }
                loaded.cases().forEach(s -> cases.add(new ScenarioDescriptor(uniqueId, s, 1)));
                loaded.phaseSweep().ifPresent(p -> cases.add(new PhaseSweepDescriptor(uniqueId, p)));
            } catch (InputError e) {
                suite.addChild(new InvalidFileDescriptor(uniqueId, file, messages(e)));
            }
        }
        if (settings.caseId().isPresent() && cases.isEmpty() && suite.getChildren().isEmpty()) {
            Path where = roots.iterator().next();
            suite.addChild(new InvalidFileDescriptor(uniqueId, where, List.of(where + ":1:1: " + EngineSettings.CASE
                    + " '" + settings.caseId().get() + "' names no case in the scenario files given")));
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

    private static List<String> messages(InputError e) {
        return e.all().stream().map(Throwable::getMessage).toList();
    }

    @Override
    public void execute(ExecutionRequest request) {
        new SuiteExecution((SuiteDescriptor) request.getRootTestDescriptor(), request.getEngineExecutionListener(),
                request.getConfigurationParameters()).run();
    }

    /** The engine's root: the suite, with the settings discovery saw. */
    static final class SuiteDescriptor extends EngineDescriptor {
        private final EngineSettings settings;

        SuiteDescriptor(UniqueId id, EngineSettings settings) {
            super(id, "HIL scenarios");
            this.settings = settings;
        }

        EngineSettings settings() {
            return settings;
        }
    }
}
