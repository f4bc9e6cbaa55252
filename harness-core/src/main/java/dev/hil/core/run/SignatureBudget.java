package dev.hil.core.run;

import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.Durations;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.List;
import java.util.Map;

/**
 * {@code signature-check: within}: every image check the device logged from the update on must
 * have ended within the budget; no check seen is a failure, not a pass (the time is unknown).
 */
final class SignatureBudget {
    private final Scenario.TimeBudget budget;
    private final Map<String, String> phases;
    private final SignatureCheckTimes times;
    private volatile boolean measuring;

    /** @throws ScenarioFailure (bad input) when the rig does not map the check's log phases */
    SignatureBudget(Scenario.TimeBudget budget, Map<String, String> phases) {
        this.budget = budget;
        this.phases = phases;
        try {
            this.times = new SignatureCheckTimes(phases);
        } catch (IllegalArgumentException e) {
            throw ScenarioFailure.broken(FailureCode.BAD_INPUT, budget.mark() + ": signature-check: " + e.getMessage(), e);
        }
    }

    void startMeasuring() {
        measuring = true;
    }

    /** A device log line with its arrival instant; counted only from the update on. */
    void line(long at, String line) {
        if (measuring) {
            times.line(at, line);
        }
    }

    void judge(Timeline timeline) {
        measuring = false;
        List<SignatureCheckTimes.Check> checks = times.checks();
        if (checks.isEmpty()) {
            throw ScenarioFailure.failed(FailureCode.CHECK_NOT_SEEN, "no image check seen in the device log during the update (rig phases "
                    + "verify /" + phases.get("verify") + "/ to verified /" + phases.get("verified")
                    + "/), so its time against the budget of " + Durations.human(budget.within()) + " is unknown");
        }
        SignatureCheckTimes.Check slowest = checks.get(0);
        for (SignatureCheckTimes.Check c : checks) {
            timeline.record(new TimelineEvent.SignatureChecked(c.took(), budget.within(), c.startLine(), c.endLine()));
            if (c.took().compareTo(slowest.took()) > 0) {
                slowest = c;
            }
        }
        if (slowest.took().compareTo(budget.within()) > 0) {
            throw ScenarioFailure.failed(FailureCode.BUDGET_OVERRUN, String.format("image check took %.0f ms, over the budget of %s"
                            + " (from '%s' to '%s'; %d check(s) measured)", slowest.took().toNanos() / 1e6,
                    Durations.human(budget.within()), slowest.startLine(), slowest.endLine(), checks.size()));
        }
    }
}
