package dev.hil.core.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timestamped record of one scenario: power, steps, faults (with the trigger that fired and
 * the exact byte/time), device answers, as {@link TimelineEvent}s. Thread-safe; events keep
 * arrival order.
 */
public final class Timeline {
    /** One event; {@code nanos} is monotonic time since the timeline started. */
    public record Event(long nanos, Instant at, TimelineEvent what) {
        public double millis() {
            return nanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%10.3f ms  %-10s %s", millis(), what.label(), what.text());
        }
    }

    private final long origin = System.nanoTime();
    private final List<Event> events = new ArrayList<>();

    public Event record(TimelineEvent what) {
        Event e = new Event(System.nanoTime() - origin, Instant.now(), what);
        synchronized (events) {
            events.add(e);
        }
        return e;
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Monotonic nanoseconds since this timeline started. */
    public long now() {
        return System.nanoTime() - origin;
    }

    /** The readable text of every event meant for it (log lines and acks have attachments of their own). */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events()) {
            if (e.what().inTextTimeline()) {
                sb.append(e).append('\n');
            }
        }
        return sb.toString();
    }

    /** The stamped lines of one event type's text, e.g. the device log, as its own attachment. */
    public String render(Class<? extends TimelineEvent> type) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events()) {
            if (type.isInstance(e.what())) {
                sb.append(String.format("%10.3f ms  %s", e.millis(), e.what().text())).append('\n');
            }
        }
        return sb.toString();
    }
}
