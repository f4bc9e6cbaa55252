package dev.hil.drivers.bench;

import dev.hil.core.rig.DeviceLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real board's log ({@code device.log}): a file the bench appends to, or a second UART read as a
 * stream. Read from where it ends when the board is opened (older lines belong to earlier runs),
 * polled every {@link #POLL_MILLIS} ms so phase triggers see a line within that; a file that
 * shrinks was rotated and is read again from its start.
 */
final class TailedLog implements DeviceLog, AutoCloseable {
    private static final long POLL_MILLIS = 2;

    private final Path file;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    TailedLog(Path file) {
        this.file = file;
        this.reader = new Thread(this::follow, "board-log " + file.getFileName());
        reader.setDaemon(true);
    }

    /** A log that starts following now. */
    static TailedLog follow(Path file) {
        TailedLog log = new TailedLog(file);
        log.reader.start();
        return log;
    }

    @Override
    public AutoCloseable onLine(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private long position = -1;                        // guarded by this; -1 until the reader starts
    private final StringBuilder line = new StringBuilder(); // guarded by this
    private final byte[] buf = new byte[8192];             // guarded by this

    private void follow() {
        synchronized (this) {
            position = Math.max(0, size());
        }
        while (!closed) {
            try {
                readToEnd();
                Thread.sleep(POLL_MILLIS);
            } catch (IOException e) {
                sleepQuietly(); // the file may be recreated by the bench: try again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what the file has now, on the calling thread; listeners hear each line once, in order. */
    private synchronized void readToEnd() throws IOException {
        if (position < 0) {
            return;
        }
        long size = size();
        if (size < 0) {
            return; // try again at the next poll
        }
        if (size < position) {
            position = 0;
        }
        if (size > position) {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(position);
                int n;
                while ((n = in.read(buf)) > 0) {
                    position += n;
                    split(buf, n, line);
                }
            }
        }
    }

    @Override
    public void catchUp() {
        try {
            readToEnd();
        } catch (IOException e) {
            // The poller retries; nothing more is known now.
        }
    }

    private void split(byte[] buf, int n, StringBuilder line) { // called holding this
        String chunk = new String(buf, 0, n, StandardCharsets.UTF_8);
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                String done = line.toString();
                line.setLength(0);
                listeners.forEach(l -> l.accept(done));
            } else if (c != '\r') {
                line.append(c);
            }
        }
    }

    /**
     * 0 while the file is missing (it is read from its start once it is back), -1 when it cannot be
     * read just now: the reader thread must outlive both, not die of an unchecked exception.
     */
    private long size() {
        try {
            return Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL_MILLIS * 10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
