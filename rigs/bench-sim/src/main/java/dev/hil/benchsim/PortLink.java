package dev.hil.benchsim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The by-id style symlink to the current pseudo-terminal (like udev's /dev/serial/by-id/usb-...).
 * Replaced atomically (a new link renamed over the path), so a reader never sees it half made.
 */
final class PortLink {
    private final Path link;

    PortLink(Path link) {
        this.link = link.toAbsolutePath();
    }

    Path path() {
        return link;
    }

    void pointAt(Path pts) throws IOException {
        Files.createDirectories(link.getParent());
        Path tmp = link.resolveSibling("." + link.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, pts);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void remove() {
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            System.err.println("bench-sim: cannot remove " + link + ": " + e.getMessage());
        }
    }
}
