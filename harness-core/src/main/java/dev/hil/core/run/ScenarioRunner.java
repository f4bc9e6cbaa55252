package dev.hil.core.run;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.rig.Rig;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.TimelineEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out one scenario on a rig: provision the given image through the update protocol,
 * run the update with the faults armed, wait for recovery within the budget, and verify what the
 * device came back on, hash and signature, against the images the scenario allows.
 *
 * <p>The steps are their own classes ({@link Provisioning}, {@link UpdateStep}, {@link RecoveryStep},
 * {@link ImageVerdict}, {@link SignatureBudget}) over one {@link CaseRun}; this class owns the
 * lifecycle: whatever a step or a cleanup throws, the rig is left off and the case gets a result.
 */
public final class ScenarioRunner {
    private final Rig rig;
    private final FaultCatalog catalog;
    private final long seed;
    private final Consumer<String> progress;

    /** {@code progress} receives short phase lines ("upload 4096/24576 B") for a terminal. */
    public ScenarioRunner(Rig rig, FaultCatalog catalog, long seed, Consumer<String> progress) {
        this.rig = rig;
        this.catalog = catalog;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Runs the case, undoes whatever it opened or armed (power off always attempted), attaches its
     * evidence and finishes the recorder (which writes the result). Never throws for the case's
     * sake: a failure anywhere becomes the case's result, so the suite goes on.
     */
    public Outcome run(Scenario scenario, CaseRecorder recorder) {
        CaseRun c = new CaseRun(rig, catalog, seed, progress, scenario, recorder);
        Outcome outcome;
        Throwable failure = null;
        try {
            c.execute();
            outcome = Outcome.PASSED;
        } catch (ScenarioFailure f) {
            outcome = f.outcome();
            failure = f.getCause();
        } catch (dev.hil.core.rig.RigFault e) {
            // The bench failed (a port that never came back, a flasher that failed): not the product.
            outcome = Outcome.of(FailureCode.RIG_FAULT, "rig fault: " + e.getMessage());
            failure = e;
        } catch (RuntimeException | Error e) {
            outcome = Outcome.of(FailureCode.HARNESS_ERROR, "harness error: " + e);
            failure = e;
        }
        List<CaseCleanup.Failure> cleanupFailures = c.cleanup.closeAll();
        if (!cleanupFailures.isEmpty()) {
            outcome = Outcome.of(FailureCode.CLEANUP_FAILED, cleanupMessage(cleanupFailures, outcome));
            Throwable cause = CaseCleanup.combined(cleanupFailures);
            if (failure != null && failure != cause) {
                cause.addSuppressed(failure);
            }
            failure = cause;
        }
        c.timeline.record(new TimelineEvent.Verdict(outcome.status(), outcome.code(), outcome.message()));
        try {
            c.attachEvidence();
            recorder.recovery(c.summary.recovery());
        } catch (RuntimeException e) {
            // The result matters more than its attachments: it is still written, broken.
            outcome = Outcome.of(FailureCode.HARNESS_ERROR, "cannot attach the case's evidence: " + e
                    + (outcome.message() == null ? "" : "; the case was " + outcome.status() + ": " + outcome.message()));
            failure = e;
        }
        recorder.finished(outcome, failure);
        return outcome;
    }

    private static String cleanupMessage(List<CaseCleanup.Failure> failures, Outcome before) {
        StringBuilder m = new StringBuilder("cleanup failed, the rig may not be in a safe state: ");
        for (int i = 0; i < failures.size(); i++) {
            m.append(i == 0 ? "" : "; ").append(failures.get(i));
        }
        if (before.status() != Status.PASSED) {
            m.append(" (before cleanup the case was ").append(before.status()).append(": ").append(before.message())
                    .append(')');
        }
        return m.toString();
    }
}
