package dev.hil.benchsim;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The events file: one line per observed event, {@code <System.nanoTime()> <what>}. nanoTime is
 * CLOCK_MONOTONIC on Linux, so the harness can subtract its own nanoTime from it across processes.
 * Each line is one unbuffered write(2) (flushed at once, never split by a kill).
 */
final class EventLog implements AutoCloseable {
    private final FileOutputStream out;

    private EventLog(FileOutputStream out) {
        this.out = out;
    }

    static EventLog append(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new EventLog(new FileOutputStream(file.toFile(), true));
    }

    /** Records {@code what} at {@code nanos}, the instant the event was seen (not when this runs). */
    synchronized void record(long nanos, String what) {
        try {
            out.write((nanos + " " + what + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            System.err.println("bench-sim: cannot write the events file: " + e.getMessage());
        }
    }

    void now(String what) {
        record(System.nanoTime(), what);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
