package dev.hil.core.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The timestamped record of one scenario: power, phases, faults (with the trigger that fired
 * and the exact byte/time), device answers. Thread-safe; events keep arrival order.
 */
public final class Timeline {
    /** One event; {@code nanos} is monotonic time since the timeline started. */
    public record Event(long nanos, Instant at, String kind, String detail) {
        public double millis() {
            return nanos / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%10.3f ms  %-10s %s", millis(), kind, detail);
        }
    }

    private final long origin = System.nanoTime();
    private final List<Event> events = new ArrayList<>();

    public Event record(String kind, String detail) {
        Event e = new Event(System.nanoTime() - origin, Instant.now(), kind, detail);
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

    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events()) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }
}
