package dev.hil.drivers.ymodem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * lrzsz's {@code sb}/{@code rb} in YMODEM mode on one end of a pseudo-terminal pair: stdin and
 * stdout are both opened on the pty node (as when lrzsz runs on a serial console), stderr goes to
 * a log file for failure messages.
 */
final class LrzszPeer implements AutoCloseable {
    private final Process process;
    private final Path log;

    private LrzszPeer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code rb --ymodem} receiving into {@code dir}. */
    static LrzszPeer receiver(Path pty, Path dir, Path log) throws IOException {
        Files.createDirectories(dir);
        return start(List.of("rb", "--ymodem", "-v"), pty, dir, log);
    }

    /** {@code sb --ymodem -k} (1024-byte blocks) sending {@code files} as one batch. */
    static LrzszPeer sender(Path pty, Path log, Path... files) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sb", "--ymodem", "-k", "-v"));
        for (Path f : files) {
            cmd.add(f.getFileName().toString());
        }
        return start(cmd, pty, files[0].getParent(), log);
    }

    private static LrzszPeer start(List<String> cmd, Path pty, Path dir, Path log) throws IOException {
        // The pty link resolved once: the process must open the node that exists now.
        Path node = pty.toRealPath();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(node.toFile()).redirectOutput(node.toFile())
                .redirectError(log.toFile()).start();
        return new LrzszPeer(p, log);
    }

    Process process() {
        return process;
    }

    /** Exit code, or -1 if it is still running after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /**
     * SIGTERM, on which lrzsz sends ten CANs (and backspaces) before exiting; {@code rb} ignores
     * SIGINT. Java's destroy() would do the same, but its signal is not specified.
     */
    void cancelBySignal() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    String log() {
        try {
            return Files.readString(log).replace('\r', '\n');
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
