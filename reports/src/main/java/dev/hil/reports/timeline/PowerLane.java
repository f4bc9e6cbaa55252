package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Power state over the case, from every {@link TimelineEvent.PowerChanged} (the runner's switching
 * and every fault's: power cuts, brownout dips). Before the first one the state is unknown (the
 * harness has not switched yet); a switching that failed changes nothing.
 */
public final class PowerLane {
    public enum State { UNKNOWN, ON, OFF }

    /** {@code [fromMillis, toMillis)} in one state; {@code cause} is the event that switched to it. */
    public record Span(double fromMillis, double toMillis, State state, String cause) {
    }

    private final List<Span> spans;

    private PowerLane(List<Span> spans) {
        this.spans = List.copyOf(spans);
    }

    public static PowerLane of(List<Timeline.Event> events, double endMillis) {
        List<Span> spans = new ArrayList<>();
        State state = State.UNKNOWN;
        double from = 0;
        String cause = "no power event yet";
        for (Timeline.Event e : events) {
            if (!(e.what() instanceof TimelineEvent.PowerChanged p)) {
                continue;
            }
            State next = p.on() ? State.ON : State.OFF;
            if (next == state) {
                continue;
            }
            if (e.millis() > from) {
                spans.add(new Span(from, e.millis(), state, cause));
            }
            state = next;
            from = e.millis();
            cause = p.text();
        }
        if (endMillis > from) {
            spans.add(new Span(from, endMillis, state, cause));
        }
        return new PowerLane(spans);
    }

    public List<Span> spans() {
        return spans;
    }
}
