package dev.hil.drivers.ymodem;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file a {@link YmodemReceiver} took in, padding already stripped.
 *
 * @param name     as the header gave it
 * @param size     bytes stored
 * @param modified modification time from the header, or null if the sender gave none
 * @param path     where it was written ({@link YmodemReceiver#receiveInto}), else null
 * @param content  its bytes ({@link YmodemReceiver#receiveInMemory}), else null
 */
public record ReceivedFile(String name, long size, Instant modified, Path path, byte[] content) {
}
