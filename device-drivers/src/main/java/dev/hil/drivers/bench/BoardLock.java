package dev.hil.drivers.bench;

import dev.hil.core.rig.LockFile;
import dev.hil.core.rig.RigInUse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One harness per board: an OS lock on a file named after the board, which dies with its holder,
 * also on SIGKILL. The file also records what the holder left switched on, so the next harness can
 * say what it found and undo it (it applies the safe state at open either way).
 */
final class BoardLock implements AutoCloseable {
    private final LockFile lock;
    private final String holder;
    private final Optional<String> leftOver;

    private BoardLock(LockFile lock, String holder) {
        this.lock = lock;
        this.holder = holder;
        this.leftOver = lock.before().filter(t -> t.contains("power on") || t.contains("reset held"))
                .map(t -> t.replace('\n', ' '));
    }

    /** @throws RigInUse "board X is in use by pid N since T" */
    static BoardLock acquire(String board, Path dir) throws IOException {
        Path file = dir.resolve("hil-board-" + board.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
        String holder = "pid " + ProcessHandle.current().pid() + " since " + Instant.now();
        try {
            BoardLock lock = new BoardLock(LockFile.acquire(file, holder), holder);
            lock.record(false, false);
            return lock;
        } catch (LockFile.HeldElsewhere e) {
            throw new RigInUse("board " + board + " is in use by " + (e.holder().isEmpty() ? "another harness" : e.holder())
                    + " (lock " + file + ")");
        }
    }

    /** What a harness killed while holding the board had left on, if anything. */
    Optional<String> leftOver() {
        return leftOver;
    }

    /** Written before every switch that leaves something to undo, so a SIGKILL leaves the record. */
    void record(boolean powered, boolean resetHeld) {
        try {
            lock.write(holder + "\npower " + (powered ? "on" : "off") + ", reset " + (resetHeld ? "held" : "released") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write board lock " + lock.file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            record(false, false);
        } finally {
            lock.close();
        }
    }
}
