package dev.hil.drivers.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies bytes one way like a UART wire: at {@code baud} bits per second a byte takes 10 bit times
 * (start, 8 data, stop) and is handed on only once its stop bit would have arrived. {@code baud} 0
 * copies as fast as the streams go. Ends at end of input or on the first I/O error (a killed
 * process or a torn-down pseudo-terminal), which is how a power cut stops it.
 */
public final class PacedPump implements Runnable, AutoCloseable {
    private static final long NANOS_PER_BYTE_BIT_TIMES = 10L * 1_000_000_000L;

    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final int baud;
    private final PaceClock clock;
    private final byte[] buf;
    private volatile long bytesCopied;
    private volatile IOException failure;
    private Thread thread;

    // The line is busy from busyStart until busyStart + busyBytes byte times; an idle line earns
    // no credit, so a burst after a pause is still paced.
    private long busyStart;
    private long busyBytes;
    private boolean busy;

    public PacedPump(String name, InputStream in, OutputStream out, int baud, PaceClock clock) {
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be >= 0, got " + baud);
        }
        this.name = name;
        this.in = in;
        this.out = out;
        this.baud = baud;
        this.clock = clock;
        // Paced: read at most ~10 ms of line time at once so the receiver sees a steady trickle.
        this.buf = new byte[baud == 0 ? 8192 : Math.max(1, Math.min(8192, baud / 10 / 100))];
    }

    /** Starts copying on a daemon thread named after this pump. */
    public synchronized PacedPump start() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        try {
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (baud > 0) {
                    clock.sleepUntil(lineFreeAfter(n));
                }
                out.write(buf, 0, n);
                out.flush(); // Process stdin is buffered; the device must see the bytes now
                bytesCopied += n;
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The instant the last of {@code n} more bytes has crossed the line. */
    private long lineFreeAfter(int n) {
        long now = clock.nanoTime();
        if (!busy || now - lineEnd() > 0) {
            busy = true;
            busyStart = now;
            busyBytes = 0;
        }
        busyBytes += n;
        return lineEnd();
    }

    private long lineEnd() {
        return busyStart + Math.multiplyExact(busyBytes, NANOS_PER_BYTE_BIT_TIMES) / baud;
    }

    public long bytesCopied() {
        return bytesCopied;
    }

    /** The I/O error that ended the pump, or null (end of input, still running, interrupted). */
    public IOException failure() {
        return failure;
    }

    public String name() {
        return name;
    }

    /**
     * Stops a paced sleep and waits a little for the thread to end. A thread blocked in a native
     * read ends only when its stream fails, so the owner closes the streams' far ends first.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the copying thread has ended (never started counts as ended). */
    public synchronized boolean finished() {
        return thread == null || !thread.isAlive();
    }
}
