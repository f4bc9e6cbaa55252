package dev.hil.core.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One harness at a time per device: two runs sharing a state folder would power-cycle and flash
 * the same device under each other's feet, and both would report nonsense. A real board cannot be
 * shared either. The lock file sits beside the state folder, which erasing empties. Taken by
 * {@link BoardRig} for every board kind, before the board is opened.
 */
public final class StateLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static StateLock acquire(Path stateDir) throws IOException {
        Path file = stateDir.toAbsolutePath().normalize().resolveSibling(stateDir.getFileName() + ".lock");
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            ch.close();
            throw new RigInUse("rig state " + stateDir + " is in use by another harness"
                    + (holder.isEmpty() ? "" : " (" + holder + ")") + "; give this run its own --state folder");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + java.time.Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
        return new StateLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
