package dev.hil.refdevice;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes each event as one write(2) on fd 2, newline included, so a SIGKILL never splits a line
 * and the harness sees the line before the operation it announces.
 */
final class StderrLog implements EventLog {
    private final OutputStream err = new FileOutputStream(FileDescriptor.err);

    @Override
    public synchronized void event(String line) {
        try {
            err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The harness closed our log pipe; the device keeps running like a board with no console.
        }
    }
}
