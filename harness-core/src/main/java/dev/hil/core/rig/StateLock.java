package dev.hil.core.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One harness at a time per device: two runs sharing a state folder would power-cycle and flash
 * the same device under each other's feet, and both would report nonsense. A real board cannot be
 * shared either. The lock file sits beside the state folder, which erasing empties. Taken by
 * {@link BoardRig} for every board kind, before the board is opened.
 */
public final class StateLock implements AutoCloseable {
    private final LockFile lock;

    private StateLock(LockFile lock) {
        this.lock = lock;
    }

    public static StateLock acquire(Path stateDir) throws IOException {
        Path file = stateDir.toAbsolutePath().normalize().resolveSibling(stateDir.getFileName() + ".lock");
        try {
            return new StateLock(LockFile.acquire(file, "pid " + ProcessHandle.current().pid() + " since " + Instant.now()));
        } catch (LockFile.HeldElsewhere e) {
            throw new RigInUse("rig state " + stateDir + " is in use by another harness"
                    + (e.holder().isEmpty() ? "" : " (" + e.holder() + ")") + "; give this run its own --state folder");
        }
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
