package dev.hil.core.timeline;

import java.time.Duration;

/** Durations as scenario files write them: whole seconds as {@code 30s}, else milliseconds. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** Short spans (a line switch) in microseconds, to show what a millisecond would round away. */
    public static String micros(Duration d) {
        long us = d.toNanos() / 1000;
        return us < 10_000 ? us + " µs" : (us / 1000) + " ms";
    }
}
