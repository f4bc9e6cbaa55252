package dev.hil.drivers.ymodem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file to send: its name in the header (a bare name, no directories: receivers such as lrzsz
 * {@code rb} refuse paths), its size, optional modification time, and where its bytes come from.
 */
public record YmodemFile(String name, long size, Instant modified, Content content) {
    /** Opens the file's bytes; called once per send. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public YmodemFile {
        YmodemHeader.checkName(name);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }

    /** A file on disk, named by its last path element, with its modification time. */
    public static YmodemFile of(Path path) throws IOException {
        return new YmodemFile(path.getFileName().toString(), Files.size(path),
                Files.getLastModifiedTime(path).toInstant(), () -> Files.newInputStream(path));
    }

    /** Bytes in memory under a name, without a modification time. */
    public static YmodemFile of(String name, byte[] data) {
        byte[] copy = data.clone();
        return new YmodemFile(name, copy.length, null, () -> new ByteArrayInputStream(copy));
    }
}
