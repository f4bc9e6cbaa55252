package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.List;
import java.util.Optional;

/**
 * How long the device took to come back against the scenario's budget, from the last
 * {@link TimelineEvent.Recovered}. The clock starts when power came back.
 */
public record RecoveryBudget(double recoveredAtMillis, double tookMillis, double budgetMillis) {
    public static Optional<RecoveryBudget> of(List<Timeline.Event> events) {
        Optional<RecoveryBudget> last = Optional.empty();
        for (Timeline.Event e : events) {
            if (e.what() instanceof TimelineEvent.Recovered r) {
                last = Optional.of(new RecoveryBudget(e.millis(), r.took().toNanos() / 1e6, r.budget().toNanos() / 1e6));
            }
        }
        return last;
    }

    public double startMillis() {
        return recoveredAtMillis - tookMillis;
    }

    public boolean withinBudget() {
        return tookMillis <= budgetMillis;
    }
}
