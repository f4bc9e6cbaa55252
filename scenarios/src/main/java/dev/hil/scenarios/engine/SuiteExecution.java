package dev.hil.scenarios.engine;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.RunObserver;
import dev.hil.core.run.ScenarioRunner;
import dev.hil.reports.allure.AllureRunObserver;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.RigFiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;

/** Runs the discovered suite on one rig, case after case, writing each result as it ends. */
final class SuiteExecution {
    private final HilTestEngine.SuiteDescriptor suite;
    private final EngineExecutionListener listener;
    private final EngineSettings settings;

    SuiteExecution(HilTestEngine.SuiteDescriptor suite, EngineExecutionListener listener, ConfigurationParameters params) {
        this.suite = suite;
        this.listener = listener;
        this.settings = suite.settings();
    }

    void run() {
        listener.executionStarted(suite);
        try {
            runCases();
            listener.executionFinished(suite, TestExecutionResult.successful());
        } catch (InputError e) {
            listener.executionFinished(suite, TestExecutionResult.failed(new InvalidInput(e.getMessage())));
        } catch (RuntimeException e) {
            listener.executionFinished(suite, TestExecutionResult.failed(e));
        }
    }

    private void runCases() throws InputError {
        List<InvalidFileDescriptor> invalid = suite.getChildren().stream()
                .filter(InvalidFileDescriptor.class::isInstance).map(InvalidFileDescriptor.class::cast).toList();
        List<ScenarioDescriptor> cases = suite.getChildren().stream()
                .filter(ScenarioDescriptor.class::isInstance).map(ScenarioDescriptor.class::cast).toList();
        if (!invalid.isEmpty()) {
            // Bad input: report it and touch no device.
            for (InvalidFileDescriptor d : invalid) {
                listener.executionStarted(d);
                listener.executionFinished(d, TestExecutionResult.failed(new InvalidInput(String.join("\n", d.errors()))));
            }
            cases.forEach(d -> listener.executionSkipped(d, "not run: the suite has invalid input files"));
            return;
        }
        if (cases.isEmpty()) {
            return;
        }
        RigSpec spec = RigFiles.load(settings.rig().orElseThrow(() -> new InvalidInput(
                "no rig given: set the configuration parameter " + EngineSettings.RIG + " (hil run --rig FILE)")));
        RunObserver observer = new AllureRunObserver(settings.results());
        observer.runStarted(spec.name(), settings.seed(), environment(spec));
        AtomicReference<TestDescriptor> current = new AtomicReference<>(suite);
        try (Rig rig = RigFactory.open(spec, settings.stateRoot().resolve(spec.name()));
             AbortGuard guard = new AbortGuard(rig)) {
            ScenarioRunner runner = new ScenarioRunner(rig, FaultCatalog.load(), settings.seed(),
                    phase -> listener.reportingEntryPublished(current.get(), ReportEntry.from("phase", phase)));
            for (ScenarioDescriptor d : cases) {
                current.set(d);
                listener.executionStarted(d);
                CaseRecorder recorder = guard.track(observer.caseStarted(d.scenario(), rig.name(), settings.seed()));
                Outcome o = runner.run(d.scenario(), recorder);
                listener.executionFinished(d, switch (o.status()) {
                    case PASSED -> TestExecutionResult.successful();
                    case FAILED -> TestExecutionResult.failed(new AssertionError(o.message()));
                    case BROKEN -> TestExecutionResult.failed(new RigOrHarnessError(o.message()));
                    case SKIPPED -> TestExecutionResult.aborted(new RigOrHarnessError(o.message()));
                });
            }
        } finally {
            observer.runFinished();
        }
    }

    private Map<String, String> environment(RigSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("harness.version", HarnessVersion.get());
        env.put("rig.name", spec.name());
        env.put("rig.file", spec.file().toString());
        env.put("rig.device.kind", spec.device().kind());
        env.put("rig.protocol", spec.protocol());
        env.put("rig.baud", spec.device().baud() == 0 ? "unlimited" : Integer.toString(spec.device().baud()));
        env.put("seed", Long.toString(settings.seed()));
        settings.shard().ifPresent(s -> env.put("shard", s.toString()));
        return env;
    }

    /** Input that cannot be run (bad scenario or rig file). */
    static final class InvalidInput extends RuntimeException {
        InvalidInput(String message) {
            super(message, null, false, false);
        }
    }

    /** The rig or the harness could not carry a scenario out: not a verdict on the device. */
    static final class RigOrHarnessError extends RuntimeException {
        RigOrHarnessError(String message) {
            super(message, null, false, false);
        }
    }
}
