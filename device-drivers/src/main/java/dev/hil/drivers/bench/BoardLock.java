package dev.hil.drivers.bench;

import dev.hil.core.rig.RigInUse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One harness per board: an OS lock (flock) on a file named after the board, which dies with its
 * holder, also on SIGKILL. The file also records what the holder left switched on, so the next
 * harness can say what it found and undo it (it applies the safe state at open either way).
 */
final class BoardLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String since = Instant.now().toString();
    private final Optional<String> leftOver;

    private BoardLock(Path file, FileChannel channel, FileLock lock, Optional<String> leftOver) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.leftOver = leftOver;
    }

    /** @throws RigInUse "board X is in use by pid N since T" */
    static BoardLock acquire(String board, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("hil-board-" + board.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        // Read through the locked channel: closing any other descriptor of the file would drop the
        // process's POSIX lock (fcntl semantics), letting a second harness in.
        String before = contents(ch);
        if (l == null) {
            ch.close();
            String holder = before.lines().findFirst().orElse("another harness");
            throw new RigInUse("board " + board + " is in use by " + holder + " (lock " + file + ")");
        }
        Optional<String> left = before.contains("power on") || before.contains("reset held")
                ? Optional.of(before.replace('\n', ' ')) : Optional.empty();
        BoardLock lock = new BoardLock(file, ch, l, left);
        lock.record(false, false);
        return lock;
    }

    private static String contents(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    /** What a harness killed while holding the board had left on, if anything. */
    Optional<String> leftOver() {
        return leftOver;
    }

    /** Written before every switch that leaves something to undo, so a SIGKILL leaves the record. */
    void record(boolean powered, boolean resetHeld) {
        String text = "pid " + ProcessHandle.current().pid() + " since " + since + "\n"
                + "power " + (powered ? "on" : "off") + ", reset " + (resetHeld ? "held" : "released") + "\n";
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write board lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            record(false, false);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
