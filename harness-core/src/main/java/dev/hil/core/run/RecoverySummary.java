package dev.hil.core.run;

import java.time.Duration;

/** What the sweep heatmap needs of a case ({@link Recovery}), filled in as the recovery and verify steps learn it. */
final class RecoverySummary {
    Duration budget;
    Duration took;
    Recovery.Landing landing;
    boolean lastWaitHeardNothing;

    Recovery recovery() {
        if (landing != null) {
            return new Recovery(landing, took, budget);
        }
        if (budget == null) {
            return new Recovery(Recovery.Landing.NOT_REACHED, null, null);
        }
        // Recovery was awaited and never succeeded: silence is a timeout, an answer without an image a brick.
        return new Recovery(lastWaitHeardNothing ? Recovery.Landing.NO_ANSWER : Recovery.Landing.NO_ACTIVE_IMAGE,
                null, budget);
    }
}
