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
    private final String cancelSignal;

    private LrzszPeer(Process process, Path log, String cancelSignal) {
        this.process = process;
        this.log = log;
        this.cancelSignal = cancelSignal;
    }

    /** {@code rb --ymodem} receiving into {@code dir}. */
    static LrzszPeer receiver(Path pty, Path dir, Path log) throws IOException {
        Files.createDirectories(dir);
        // A shell keeps the pty open for a second after rb exits: bytes a process writes just before
        // it closes the last fd of a pty slave (rb's final ACK, its CANs on SIGTERM) are otherwise
        // sometimes lost.
        return start(List.of("sh", "-c", "rb --ymodem -v; rc=$?; sleep 1; exit $rc"), pty, dir, log, "-TERM");
    }

    /** {@code sb --ymodem -k} (1024-byte blocks) sending {@code files} as one batch. */
    static LrzszPeer sender(Path pty, Path log, Path... files) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sb", "--ymodem", "-k", "-v"));
        for (Path f : files) {
            cmd.add(f.getFileName().toString());
        }
        return start(cmd, pty, files[0].getParent(), log, "-INT");
    }

    private static LrzszPeer start(List<String> cmd, Path pty, Path dir, Path log, String cancelSignal)
            throws IOException {
        // The pty link resolved once: the process must open the node that exists now.
        Path node = pty.toRealPath();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(node.toFile()).redirectOutput(node.toFile())
                .redirectError(log.toFile()).start();
        return new LrzszPeer(p, log, cancelSignal);
    }

    Process process() {
        return process;
    }

    /** Exit code, or -1 if it is still running after {@code seconds}. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /**
     * The signal on which lrzsz sends ten CANs (and backspaces) and exits: SIGINT for {@code sb},
     * SIGTERM for {@code rb}, which ignores SIGINT (found by trying; Java cannot send either).
     */
    void cancelBySignal() throws IOException, InterruptedException {
        long pid = process.children().findFirst().map(ProcessHandle::pid).orElse(process.pid()); // rb, not its shell
        new ProcessBuilder("kill", cancelSignal, Long.toString(pid)).inheritIO().start().waitFor();
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
