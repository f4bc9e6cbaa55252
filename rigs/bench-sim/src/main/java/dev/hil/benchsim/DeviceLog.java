package dev.hil.benchsim;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the device's stderr (its console log) goes: a file appended to, or the sim's own stderr.
 * Whole lines only, each flushed, so a reader tailing the file never sees half a line from one
 * launch glued to the next launch's first line.
 */
final class DeviceLog {
    private final OutputStream out;

    private DeviceLog(OutputStream out) {
        this.out = out;
    }

    static DeviceLog to(Path file) throws IOException {
        if (file == null) {
            return new DeviceLog(System.err);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new DeviceLog(new FileOutputStream(file.toFile(), true));
    }

    synchronized void line(String text) {
        try {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // nowhere left to report it; the device keeps running, like a board with no console attached
        }
    }

    /** Copies {@code stderr} line by line until it ends (the process died); runs on its own daemon thread. */
    void follow(InputStream stderr, String threadName) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    line(l);
                }
            } catch (IOException e) {
                // the pipe broke with the process: the log simply ends
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
    }
}
