package dev.hil.drivers.process;

import dev.hil.core.rig.DeviceLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The device log of a process device: its stderr, line by line. Listeners run on the reading
 * thread in line order; a timestamped copy of every line (and of power events, marked '#') is
 * kept for the report attachment. One log lives across power cycles; each power-on feeds it a
 * new stderr stream.
 */
public final class ProcessLog implements DeviceLog {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> copy = new ArrayList<>();
    private final Clock clock;

    public ProcessLog() {
        this(Clock.systemUTC());
    }

    public ProcessLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AutoCloseable onLine(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Reads {@code stderr} to its end on a new daemon thread; join it to know every line was seen. */
    public Thread follow(InputStream stderr, String threadName) {
        Thread t = new Thread(() -> readAll(stderr), threadName);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void readAll(InputStream stderr) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line(line);
            }
        } catch (IOException e) {
            note("stderr read ended: " + e.getMessage()); // a kill closes the pipe under us
        }
    }

    private volatile long lastLineNanos;
    private static final long QUIET_NANOS = 30_000_000L;
    private static final long CATCH_UP_LIMIT_NANOS = 200_000_000L;

    /**
     * Gives the stderr reader time to deliver what the device wrote: returns once no line came for
     * 30 ms, or after 200 ms at most. (The pipe's own {@code available()} would block behind the
     * reader, which holds the stream's lock while it waits for data.)
     */
    @Override
    public void catchUp() {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT_NANOS;
        try {
            Thread.sleep(QUIET_NANOS / 1_000_000);
            while (System.nanoTime() < deadline && System.nanoTime() - lastLineNanos < QUIET_NANOS) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One device log line: copied, then given to every listener. */
    void line(String line) {
        lastLineNanos = System.nanoTime();
        Instant at = clock.instant();
        synchronized (copy) {
            copy.add(at + " " + line);
        }
        for (Consumer<String> l : listeners) {
            try {
                l.accept(line);
            } catch (RuntimeException e) {
                // One broken trigger must not stop the others from seeing the log.
                note("listener " + l + " failed on this line: " + e);
            }
        }
    }

    /** A harness event (power on/off) in the copy only; listeners never see it. */
    void note(String event) {
        Instant at = clock.instant();
        synchronized (copy) {
            copy.add(at + " # " + event);
        }
    }

    /** The timestamped copy so far, one entry per line. */
    public List<String> lines() {
        synchronized (copy) {
            return List.copyOf(copy);
        }
    }

    /** The timestamped copy as text, for an attachment. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines()) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /** Starts a fresh copy (e.g. per scenario); listeners stay. */
    public void clear() {
        synchronized (copy) {
            copy.clear();
        }
    }
}
