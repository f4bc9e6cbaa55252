package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the device took to come back against the scenario's budget, from the runner's
 * {@code recovered} event ("in 440 ms (budget 30s): ..."). The clock starts when power came back.
 */
public record RecoveryBudget(double recoveredAtMillis, double tookMillis, double budgetMillis) {
    private static final Pattern RECOVERED = Pattern.compile("^in (\\d+(?:\\.\\d+)?) ms \\(budget (\\d+)(ms|s)\\)");

    public static Optional<RecoveryBudget> of(java.util.List<Timeline.Event> events) {
        Optional<RecoveryBudget> last = Optional.empty();
        for (Timeline.Event e : events) {
            if (!e.kind().equals("recovered")) {
                continue;
            }
            Matcher m = RECOVERED.matcher(e.detail());
            if (m.find()) {
                double budget = Double.parseDouble(m.group(2)) * (m.group(3).equals("s") ? 1000 : 1);
                last = Optional.of(new RecoveryBudget(e.millis(), Double.parseDouble(m.group(1)), budget));
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
