package dev.hil.drivers.qemu;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The board's block storage (an eMMC/SD stand-in): a raw image file in the state directory that
 * QEMU attaches as a virtio-blk device. A fresh disk reads as zeros, like a discarded eMMC.
 */
public final class BlockDisk {
    public static final int BLOCK_BYTES = 512;

    private final Path file;
    private final long bytes;

    private BlockDisk(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** The disk {@code name} in {@code stateDir}, created blank unless it exists with this size. */
    public static BlockDisk prepare(Path stateDir, String name, long bytes) throws IOException {
        BlockDisk d = new BlockDisk(stateDir.resolve(name), bytes);
        if (!Files.isRegularFile(d.file) || Files.size(d.file) != bytes) {
            d.erase();
        }
        return d;
    }

    public Path file() {
        return file;
    }

    /** Replaces the disk with a blank one, moved into place so QEMU never sees a short file. */
    public void erase() throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "disk-", ".tmp");
        try {
            try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
                f.setLength(bytes);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code length} bytes from block {@code lba}, for inspecting what a power cut left. */
    public byte[] read(long lba, int length) throws IOException {
        byte[] out = new byte[length];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(lba * BLOCK_BYTES);
            f.readFully(out);
        }
        return out;
    }
}
