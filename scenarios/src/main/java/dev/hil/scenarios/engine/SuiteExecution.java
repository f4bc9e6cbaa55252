package dev.hil.scenarios.engine;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.RunObserver;
import dev.hil.core.run.ScenarioRunner;
import dev.hil.reports.allure.AllureRunObserver;
import dev.hil.reports.evidence.EvidenceSeal;
import dev.hil.scenarios.file.SuiteReportingFile;
import dev.hil.scenarios.qualify.HarnessBuild;
import dev.hil.core.image.TrustKey;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.Scenario;
import dev.hil.scenarios.file.PhaseSweep;
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
            if (runCases()) {
                sealEvidence();
            }
            listener.executionFinished(suite, TestExecutionResult.successful());
        } catch (IOException | RuntimeException e) {
            listener.executionFinished(suite, TestExecutionResult.failed(e));
        }
    }

    /** @return whether the suite ran (and so has results to seal) */
    private boolean runCases() {
        List<InvalidFileDescriptor> invalid = children(InvalidFileDescriptor.class);
        List<SkippedScenarioDescriptor> skipped = children(SkippedScenarioDescriptor.class);
        List<TestDescriptor> cases = suite.getChildren().stream()
                .filter(d -> d instanceof ScenarioDescriptor || d instanceof PhaseSweepDescriptor)
                .map(TestDescriptor.class::cast).toList();
        if (!invalid.isEmpty()) {
            // Bad input: report it and touch no device.
            for (InvalidFileDescriptor d : invalid) {
                listener.executionStarted(d);
                listener.executionFinished(d, TestExecutionResult.failed(new BadInput(d.errors())));
            }
            cases.forEach(d -> listener.executionSkipped(d, "not run: the suite has invalid input files"));
            skipped.forEach(d -> listener.executionSkipped(d, d.reason()));
            return false;
        }
        skipped.forEach(d -> listener.executionSkipped(d, d.reason()));
        if (cases.isEmpty()) {
            return false;
        }
        RigSpec spec = suite.preflight().rig().orElseThrow();
        Rig opened;
        try {
            opened = RigFactory.open(spec, settings.stateRoot().resolve(spec.name()));
        } catch (dev.hil.core.rig.RigInUse e) {
            // Another harness holds the board: nothing was switched, so this is bad input (exit 2).
            cases.forEach(d -> listener.executionSkipped(d, e.getMessage()));
            throw new BadInput(spec.file() + ": " + e.getMessage());
        } catch (dev.hil.core.rig.RigFault e) {
            // The bench itself is not there or not working (no GPIO tree, a relay CLI that fails):
            // nothing ran, and it is said as the rig's fault, not as failed cases.
            String why = "rig fault: " + spec.name() + " (" + spec.file() + ") cannot be opened: " + e.getMessage();
            cases.forEach(d -> listener.executionSkipped(d, why));
            throw new dev.hil.core.rig.RigFault(why, e);
        }
        RunObserver observer = new AllureRunObserver(settings.results(), SuiteReportingFile::forRoot);
        observer.runStarted(spec.name(), settings.seed(), environment(spec));
        AtomicReference<TestDescriptor> current = new AtomicReference<>(suite);
        try (Rig rig = opened;
             AbortGuard guard = new AbortGuard(rig)) {
            ScenarioRunner runner = new ScenarioRunner(rig, FaultCatalog.load(), settings.seed(),
                    phase -> listener.reportingEntryPublished(current.get(), ReportEntry.from("phase", phase)));
            Cases run = new Cases(rig, guard, runner, observer, current);
            for (TestDescriptor d : cases) {
                if (d instanceof PhaseSweepDescriptor sweep) {
                    run.sweep(sweep);
                } else {
                    ScenarioDescriptor c = (ScenarioDescriptor) d;
                    run.one(c, recorder -> recorder);
                }
            }
        } finally {
            observer.runFinished();
        }
        return true;
    }

    private <T> List<T> children(Class<T> type) {
        return suite.getChildren().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The results and every input of the run, sealed when asked or on CI, so Surefire runs leave evidence too. */
    private void sealEvidence() throws IOException {
        if (!settings.evidence()) {
            return;
        }
        EvidenceSeal seal;
        try {
            seal = RunEvidence.seal(settings.results(), settings.projectRoot(), suite.preflight().inputs(), settings.labKey(),
                    settings.labCert());
        } catch (IOException | RuntimeException e) {
            throw new IOException("could not seal the evidence bundle: " + e.getMessage(), e);
        }
        listener.reportingEntryPublished(suite, ReportEntry.from(HilTestEngine.EVIDENCE_ENTRY, RunEvidence.describe(seal)));
    }

    /** Runs cases on the open rig: one at a time, or a phase sweep (reference run, then its points). */
    private final class Cases {
        private final Rig rig;
        private final AbortGuard guard;
        private final ScenarioRunner runner;
        private final RunObserver observer;
        private final AtomicReference<TestDescriptor> current;

        Cases(Rig rig, AbortGuard guard, ScenarioRunner runner, RunObserver observer,
              AtomicReference<TestDescriptor> current) {
            this.rig = rig;
            this.guard = guard;
            this.runner = runner;
            this.observer = observer;
            this.current = current;
        }

        /** {@code extra} may wrap the case's recorder (e.g. to count a phase). */
        Outcome one(ScenarioDescriptor d, UnaryOperator<CaseRecorder> extra) {
            current.set(d);
            listener.executionStarted(d);
            String reproduce = ReproduceLine.of(settings.rig().orElseThrow(), settings.seed(), d.scenario().id(),
                    d.scenario().file());
            CaseRecorder recorder = guard.track(extra.apply(new ReproduceNote(
                    observer.caseStarted(d.scenario(), rig.name(), settings.seed()), reproduce)));
            Outcome o = runner.run(d.scenario(), recorder);
            if (o.status() != Status.PASSED) {
                listener.reportingEntryPublished(d, ReportEntry.from("reproduce", reproduce));
            }
            listener.executionFinished(d, switch (o.status()) {
                case PASSED -> TestExecutionResult.successful();
                case FAILED -> TestExecutionResult.failed(new AssertionError(o.message()));
                case BROKEN -> TestExecutionResult.failed(new RigOrHarnessError(o.message()));
                case SKIPPED -> TestExecutionResult.aborted(new RigOrHarnessError(o.message()));
            });
            return o;
        }

        /**
         * The reference run counts the phase on this rig (recorded on its result), then one point
         * per counted line runs; the points share the rig and the loaded input, each has its own result.
         */
        void sweep(PhaseSweepDescriptor sweep) {
            PhaseSweep p = sweep.sweep();
            listener.executionStarted(sweep);
            String regex = rig.phases().get(p.phase());
            if (regex == null) {
                listener.executionFinished(sweep, TestExecutionResult.failed(new BadInput("rig '" + rig.name()
                        + "' maps no phase '" + p.phase() + "' to a device-log pattern (its phases: "
                        + rig.phases().keySet() + ")")));
                return;
            }
            ScenarioDescriptor reference = register(sweep, p.reference());
            PhaseCounter[] counter = new PhaseCounter[1];
            Outcome o = one(reference, r -> counter[0] = new PhaseCounter(r, rig.log(), p.phase(), regex));
            long count = counter[0].count();
            listener.reportingEntryPublished(sweep, ReportEntry.from("phase", "reference run counted " + count + " "
                    + p.phase() + " lines: " + count + " points"));
            if (o.status() != Status.PASSED || count == 0) {
                listener.executionFinished(sweep, TestExecutionResult.failed(new RigOrHarnessError(
                        "no sweep points: the reference run " + (o.status() != Status.PASSED ? "did not pass ("
                                + o.message() + ")" : "saw no '" + p.phase() + "' line during the update"))));
                return;
            }
            List<Scenario> points;
            try {
                points = p.points(count);
            } catch (IllegalArgumentException e) {
                listener.executionFinished(sweep, TestExecutionResult.failed(new BadInput(e.getMessage())));
                return;
            }
            // All registered first, so progress shows n/N with the real N from the start.
            List<ScenarioDescriptor> registered = points.stream().map(point -> register(sweep, point)).toList();
            for (ScenarioDescriptor d : registered) {
                one(d, r -> r);
            }
            listener.executionFinished(sweep, TestExecutionResult.successful());
        }

        private ScenarioDescriptor register(PhaseSweepDescriptor sweep, Scenario s) {
            ScenarioDescriptor d = new ScenarioDescriptor(sweep.getUniqueId(), s, 1);
            sweep.addChild(d);
            listener.dynamicTestRegistered(d);
            return d;
        }
    }

    private Map<String, String> environment(RigSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("rig.name", spec.name());
        env.put("rig.file", spec.file().toString());
        env.put("rig.device.kind", spec.device().kind());
        env.put("rig.protocol", spec.protocol());
        env.putAll(HarnessBuild.current().facts());
        try {
            env.put("rig.trust.sha256", TrustKey.load(spec.trustKey()).fingerprint());
        } catch (IOException e) {
            env.put("rig.trust.sha256", "unreadable: " + e.getMessage());
        }
        env.put("rig.baud", spec.device().baud() == 0 ? "unlimited" : Integer.toString(spec.device().baud()));
        env.put("seed", Long.toString(settings.seed()));
        settings.shard().ifPresent(s -> env.put("shard", s.toString()));
        return env;
    }

    /** The rig or the harness could not carry a scenario out: not a verdict on the device. */
    static final class RigOrHarnessError extends RuntimeException {
        RigOrHarnessError(String message) {
            super(message, null, false, false);
        }
    }
}
