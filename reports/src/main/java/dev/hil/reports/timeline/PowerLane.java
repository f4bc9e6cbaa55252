package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Power state over the case, from the runner's {@code power} events and the faults' {@code power-cut}
 * events. Before the first event the state is unknown (the harness has not switched yet).
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
            State next = switchedTo(e);
            if (next == null || next == state) {
                continue;
            }
            if (e.millis() > from) {
                spans.add(new Span(from, e.millis(), state, cause));
            }
            state = next;
            from = e.millis();
            cause = e.detail();
        }
        if (endMillis > from) {
            spans.add(new Span(from, endMillis, state, cause));
        }
        return new PowerLane(spans);
    }

    /** The state an event switches to, or null when it says nothing about power. */
    static State switchedTo(Timeline.Event e) {
        if (e.kind().equals("power-cut") || e.kind().equals("brownout")) {
            return State.OFF;
        }
        if (!e.kind().equals("power")) {
            return null;
        }
        String d = e.detail().toLowerCase(Locale.ROOT).strip();
        if (d.startsWith("power ")) {
            d = d.substring("power ".length());
        }
        // "could not power off" and the like report a failed switch: the state did not change.
        if (d.startsWith("on")) {
            return State.ON;
        }
        if (d.startsWith("off")) {
            return State.OFF;
        }
        return null;
    }

    public List<Span> spans() {
        return spans;
    }
}
