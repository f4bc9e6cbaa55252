package dev.hil.core.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS lock on a file (dies with its holder, also on SIGKILL) whose text says who holds it and
 * what to undo. POSIX record locks belong to the process and vanish when ANY descriptor of the file
 * is closed, so the text is read and written only through the locking channel, and a second
 * attempt from this same JVM is answered from memory without opening the file at all.
 */
public final class LockFile implements AutoCloseable {
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String before;

    private LockFile(Path file, FileChannel channel, FileLock lock, String before) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.before = before;
    }

    /**
     * Takes the lock, or says who holds it: the holder's first line of text, or empty when none.
     *
     * @param holding the text to leave in the file while held (who, since when)
     * @throws IllegalStateException with the holder's text when another process or this JVM holds it
     */
    public static LockFile acquire(Path file, String holding) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        String here = HELD_HERE.putIfAbsent(key, holding);
        if (here != null) {
            throw new HeldElsewhere(firstLine(here));
        }
        try {
            Files.createDirectories(key.getParent());
            FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l = ch.tryLock();
            String before = read(ch);
            if (l == null) {
                ch.close(); // this JVM holds no lock on it (checked above), so nothing of ours is dropped
                throw new HeldElsewhere(firstLine(before));
            }
            LockFile lock = new LockFile(key, ch, l, before);
            lock.write(holding);
            return lock;
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** Another holder: its first line of text (e.g. "pid 123 since 2026-12-04T..."). */
    public static final class HeldElsewhere extends IllegalStateException {
        private final String holder;

        HeldElsewhere(String holder) {
            super(holder.isEmpty() ? "held by another process" : holder);
            this.holder = holder;
        }

        public String holder() {
            return holder;
        }
    }

    /** What the file said when the lock was taken (what a killed holder left). */
    public Optional<String> before() {
        return before.isEmpty() ? Optional.empty() : Optional.of(before);
    }

    public Path file() {
        return file;
    }

    /** Replaces the text, forced to disk so a SIGKILL right after leaves it. */
    public void write(String text) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        HELD_HERE.put(file, text);
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").trim();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            HELD_HERE.remove(file);
            channel.close();
        }
    }
}
