package dev.hil.core.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a case opened or armed, undone in reverse order when it ends, each undo caught and
 * collected (like JUnit's ThrowableCollector) so one that throws cannot skip the others: a reset
 * line that will not release must not leave the rig powered.
 */
final class CaseCleanup {
    /** One undo; may throw anything. */
    @FunctionalInterface
    interface Undo {
        void run() throws Exception;
    }

    /** An undo that threw, with what it was undoing. */
    record Failure(String what, Throwable cause) {
        @Override
        public String toString() {
            return what + ": " + cause;
        }
    }

    private final Deque<Entry> opened = new ArrayDeque<>();

    private record Entry(String what, Undo undo) {
    }

    /** Registers the undo of something just opened; the last registered is undone first. */
    synchronized void opened(String what, Undo undo) {
        opened.push(new Entry(what, undo));
    }

    /** Undoes everything registered, last first; returns the failures (empty when all went well). */
    List<Failure> closeAll() {
        List<Failure> failures = new ArrayList<>();
        while (true) {
            Entry e;
            synchronized (this) {
                e = opened.poll();
            }
            if (e == null) {
                return failures;
            }
            try {
                e.undo().run();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failures.add(new Failure(e.what(), ex));
            } catch (Exception | LinkageError | AssertionError ex) {
                failures.add(new Failure(e.what(), ex));
            }
        }
    }

    /** The collected failures as one throwable: the first, with the others suppressed. */
    static Throwable combined(List<Failure> failures) {
        Throwable first = failures.get(0).cause();
        failures.stream().skip(1).forEach(f -> {
            if (f.cause() != first) {
                first.addSuppressed(f.cause());
            }
        });
        return first;
    }
}
