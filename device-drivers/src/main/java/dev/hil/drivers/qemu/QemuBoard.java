package dev.hil.drivers.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An emulated ARM board: {@code qemu-system-arm -M virt} booting U-Boot from pflash bank 0, with
 * its data flash (bank 1) in the state directory. Power-on launches QEMU, power-off kills it with
 * SIGKILL at once (no guest shutdown, like pulling the plug), reset is QMP {@code system_reset}.
 *
 * <p>The UART is a pseudo-terminal whose /dev/pts/N changes at every launch; {@link #consolePort()}
 * is a symlink that is re-pointed each time, so a serial link can keep one path. While QEMU runs
 * the board itself holds the PTY open: QEMU drops console output while no process has the PTY
 * open, so without this hold anything printed before the harness's first read would be lost.
 */
public final class QemuBoard implements AutoCloseable {
    private static final Duration QMP_REPLY = Duration.ofSeconds(10);

    private final FlashBanks banks;
    private final Path runDir;
    private final QemuLaunch launch;
    private final Path console;
    private final Path qemuLog;
    private final Duration startTimeout;
    private Process process;       // guarded by this; null while off
    private QmpClient qmp;         // guarded by this
    private FileChannel ptyHold;   // guarded by this
    private Path pty;              // guarded by this
    private long launchedNanos;    // guarded by this
    private boolean closed;        // guarded by this

    private QemuBoard(FlashBanks banks, Path runDir, Path qemuBinary, Duration startTimeout, Path disk) {
        this.banks = banks;
        this.runDir = runDir;
        this.launch = new QemuLaunch(qemuBinary, 256, banks, runDir.resolve("qmp.sock"), disk);
        this.console = runDir.resolve("console");
        this.qemuLog = runDir.resolve("qemu.log");
        this.startTimeout = startTimeout;
    }

    /**
     * Prepares the flash banks and a private run directory (QMP socket, console link, QEMU's own
     * output), unpowered. The run directory lives under the system temp dir because a unix socket
     * path may not exceed 107 bytes, which a deep state directory easily would.
     *
     * @param firmware     U-Boot for bank 0, e.g. {@link QemuLaunch#DEBIAN_UBOOT}
     * @param startTimeout how long QEMU may take to open its QMP socket
     */
    public static QemuBoard open(Path stateDir, Path firmware, Path qemuBinary, Duration startTimeout)
            throws IOException {
        return open(stateDir, firmware, qemuBinary, startTimeout, null);
    }

    /** As {@link #open(Path, Path, Path, Duration)}, with a virtio-blk disk (null: none). */
    public static QemuBoard open(Path stateDir, Path firmware, Path qemuBinary, Duration startTimeout, Path disk)
            throws IOException {
        FlashBanks banks = FlashBanks.prepare(stateDir, firmware);
        Path runDir = Files.createTempDirectory("hil-qemu-");
        return new QemuBoard(banks, runDir, qemuBinary, startTimeout, disk);
    }

    public FlashBanks banks() {
        return banks;
    }

    /** The exact command every power-on runs. */
    public List<String> commandLine() {
        return launch.argv();
    }

    /** Stable path of the board's UART (a symlink to this launch's /dev/pts/N). */
    public Path consolePort() {
        return console;
    }

    /** QEMU's own stdout/stderr across launches (start-up errors land here). */
    public Path qemuLog() {
        return qemuLog;
    }

    /** This launch's pseudo-terminal, while running. */
    public synchronized Path pty() {
        if (pty == null) {
            throw new IllegalStateException("board is off: no console pseudo-terminal");
        }
        return pty;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** {@link System#nanoTime()} at the last launch, to measure boot time from power-on. */
    public synchronized OptionalLong launchedNanos() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(launchedNanos);
    }

    /**
     * Starts QEMU with the CPU paused, connects QMP and attaches to the console PTY. Call
     * {@link #resume()} to let the firmware run. No-op while running.
     */
    public synchronized void launch() throws IOException {
        if (closed) {
            throw new IllegalStateException("board closed");
        }
        if (process != null) {
            if (process.isAlive()) {
                return;
            }
            kill(); // QEMU ended on its own (guest poweroff, crash): tidy up before the new launch
        }
        Files.deleteIfExists(launch.qmpSocket()); // a stale socket from a killed QEMU would refuse us
        launchedNanos = System.nanoTime();
        process = new ProcessBuilder(launch.argv())
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(qemuLog.toFile()))
                .start();
        try {
            qmp = connectQmp();
            pty = serialPty(qmp);
            ptyHold = FileChannel.open(pty, StandardOpenOption.READ);
            Path link = runDir.resolve("console.new");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, pty);
            Files.move(link, console, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                kill();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Lets the paused CPU run (the firmware starts at bank 0, address 0). */
    public synchronized void resume() throws IOException {
        running().cont();
    }

    /** Pulses the machine's reset: the firmware starts over, flash and RAM contents stay. */
    public synchronized void systemReset() throws IOException {
        running().systemReset();
    }

    /** The QMP connection of this launch. */
    public synchronized QmpClient qmp() {
        return running();
    }

    /**
     * Power off: SIGKILL to QEMU, then waits until the process is gone, so the flash files hold
     * exactly what QEMU had written when the signal landed. Also removes the console link, so the
     * port vanishes like an unpowered USB-UART. No-op while off.
     */
    public synchronized void kill() {
        Process p = process;
        process = null;
        pty = null;
        RuntimeException failure = null;
        if (p != null) {
            p.destroyForcibly(); // SIGKILL on Linux
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    failure = new IllegalStateException("QEMU pid " + p.pid() + " survived SIGKILL for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while waiting for QEMU to die", e);
            }
        }
        failure = closeQuietly(qmp, failure);
        qmp = null;
        failure = closeQuietly(ptyHold, failure);
        ptyHold = null;
        try {
            Files.deleteIfExists(console);
        } catch (IOException e) {
            failure = chain(failure, new IllegalStateException("cannot remove " + console, e));
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Leaves the board off and deletes the run directory (not the state directory). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try (Stream<Path> walk = Files.walk(runDir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + runDir + ": " + e.getMessage(), e);
        }
    }

    private QmpClient running() {
        if (qmp == null) {
            throw new IllegalStateException("board is off");
        }
        return qmp;
    }

    /** QEMU creates the socket shortly after start; until then connecting fails and is retried. */
    private QmpClient connectQmp() throws IOException {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("QEMU exited with " + process.exitValue() + " during start-up: " + logTail());
            }
            if (Files.exists(launch.qmpSocket())) {
                try {
                    return QmpClient.connect(launch.qmpSocket(), QMP_REPLY);
                } catch (IOException e) {
                    last = e; // socket file made but not listening yet
                }
            }
            try {
                Thread.sleep(10); // poll interval of the start-up wait, not a timing assumption
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while QEMU started", e);
            }
        }
        IOException e = new IOException("QEMU did not open its QMP socket within " + startTimeout + ": " + logTail());
        if (last != null) {
            e.addSuppressed(last);
        }
        throw e;
    }

    /** The /dev/pts/N behind serial0, as QEMU reports it ({@code "filename": "pty:/dev/pts/3"}). */
    private static Path serialPty(QmpClient qmp) throws IOException {
        for (JsonNode dev : qmp.execute("query-chardev")) {
            if ("serial0".equals(dev.path("label").asText())) {
                String name = dev.path("filename").asText();
                if (!name.startsWith("pty:")) {
                    throw new IOException("serial0 is not a pseudo-terminal: " + name);
                }
                return Path.of(name.substring("pty:".length()));
            }
        }
        throw new IOException("QEMU has no serial0 character device");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(qemuLog, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no QEMU output: " + e.getMessage() + ")";
        }
    }

    private static RuntimeException closeQuietly(AutoCloseable c, RuntimeException failure) {
        if (c == null) {
            return failure;
        }
        try {
            c.close();
            return failure;
        } catch (Exception e) {
            return chain(failure, new IllegalStateException("cannot close " + c, e));
        }
    }

    private static RuntimeException chain(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
