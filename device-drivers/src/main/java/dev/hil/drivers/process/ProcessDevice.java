package dev.hil.drivers.process;

import dev.hil.drivers.power.Load;
import dev.hil.drivers.serial.PaceClock;
import dev.hil.drivers.serial.PacedPump;
import dev.hil.drivers.serial.PtyPair;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A device that is a program ({@code kind: process}, design.md section 5). Power-on launches the
 * command with {@code ${state}} and {@code ${trust}} filled in, working directory the rig root;
 * its stdin/stdout are the UART, bridged at the rig's baud to the device end of a {@link PtyPair}
 * whose host end the harness opens as a serial port; its stderr is the {@link ProcessLog}.
 * Power-off is SIGKILL at once (flash writes in flight are torn, as on a real board), then the
 * UART bridge is taken down so the host port vanishes.
 */
public final class ProcessDevice implements Load, AutoCloseable {
    private final List<String> command;
    private final Path workDir;
    private final Path stateDir;
    private final Path trustKey;
    private final int baud;
    private final Path hostPort;
    private final Path devicePort;
    private final ProcessLog log;
    private final PaceClock clock;
    private Powered powered;              // guarded by this; null while off
    private volatile long lastKillNanos;
    private volatile boolean killed;
    private volatile Integer lastExitValue;

    /**
     * @param uartDir where the two pseudo-terminal links live ({@code host}, {@code device})
     */
    public ProcessDevice(List<String> command, Path workDir, Path stateDir, Path trustKey, int baud,
                         Path uartDir, ProcessLog log) {
        this(command, workDir, stateDir, trustKey, baud, uartDir, log, PaceClock.SYSTEM);
    }

    public ProcessDevice(List<String> command, Path workDir, Path stateDir, Path trustKey, int baud,
                         Path uartDir, ProcessLog log, PaceClock clock) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("device command is empty");
        }
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.stateDir = stateDir;
        this.trustKey = trustKey;
        this.baud = baud;
        this.hostPort = uartDir.resolve("host");
        this.devicePort = uartDir.resolve("device");
        this.log = log;
        this.clock = clock;
    }

    /** The command as it is launched: {@code ${state}} and {@code ${trust}} substituted. */
    public List<String> resolvedCommand() {
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            out.add(arg.replace("${state}", stateDir.toAbsolutePath().toString())
                    .replace("${trust}", trustKey == null ? "" : trustKey.toAbsolutePath().toString()));
        }
        return out;
    }

    /**
     * What is executed: the command as its own session leader, so power-off can kill its whole group.
     * The program is looked up first, because through setsid a missing one would only show as exit 127.
     */
    List<String> launchCommand() throws IOException {
        String program = command.get(0);
        boolean found = program.contains("/")
                ? Files.isExecutable(workDir.resolve(program))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            throw new IOException("Cannot run program \"" + program + "\": not found"
                    + (program.contains("/") ? " in " + workDir : " on PATH"));
        }
        List<String> out = new ArrayList<>();
        out.add("setsid");
        out.addAll(resolvedCommand());
        return out;
    }

    /** The port the harness opens (exists only while powered). */
    public Path hostPort() {
        return hostPort;
    }

    public ProcessLog log() {
        return log;
    }

    public synchronized boolean isPowered() {
        return powered != null;
    }

    /** The running device program, while powered. */
    public synchronized Optional<ProcessHandle> process() {
        return powered == null ? Optional.empty() : Optional.of(powered.process.toHandle());
    }

    /**
     * {@link System#nanoTime()} taken right after the last SIGKILL was sent, for measuring
     * trigger-to-kill latency; empty before the first power-off.
     */
    public OptionalLong lastKillNanos() {
        return killed ? OptionalLong.of(lastKillNanos) : OptionalLong.empty();
    }

    /** Exit value of the program at the last power-off (137 = killed by SIGKILL); empty before. */
    public OptionalInt lastExitValue() {
        Integer v = lastExitValue;
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public synchronized void powerOn() {
        if (powered != null) {
            return;
        }
        try {
            powered = Powered.start(this);
        } catch (IOException e) {
            throw new UncheckedIOException("device power-on failed: " + e.getMessage(), e);
        }
        log.note("power on: pid " + powered.process.pid() + " " + String.join(" ", resolvedCommand()));
    }

    @Override
    public synchronized void powerOff() {
        Powered p = powered;
        if (p == null) {
            return;
        }
        powered = null;
        p.kill();
        log.note("power off: SIGKILL pid " + p.process.pid());
        p.close();
    }

    /** Leaves the device unpowered. Idempotent. */
    @Override
    public void close() {
        powerOff();
    }

    private void killed(long nanos) {
        lastKillNanos = nanos;
        killed = true;
    }

    /** Everything that exists only while the device has power. */
    private static final class Powered implements AutoCloseable {
        private final ProcessDevice owner;
        private PtyPair uart;
        private FileInputStream fromUart;
        private FileOutputStream toUart;
        private Process process;
        private PacedPump tx;       // device stdout -> UART
        private PacedPump rx;       // UART -> device stdin
        private Thread stderr;

        private Powered(ProcessDevice owner) {
            this.owner = owner;
        }

        static Powered start(ProcessDevice d) throws IOException {
            Powered p = new Powered(d);
            try {
                p.uart = PtyPair.open(d.hostPort, d.devicePort);
                // Raw mode is set on the pty by socat (rawer,echo=0); plain file streams suffice.
                p.fromUart = new FileInputStream(d.devicePort.toFile());
                p.toUart = new FileOutputStream(d.devicePort.toFile());
                p.process = new ProcessBuilder(d.launchCommand())
                        .directory(d.workDir.toFile())
                        .start();
                String name = "device " + p.process.pid();
                p.stderr = d.log.follow(p.process.getErrorStream(), name + " stderr");
                p.tx = new PacedPump(name + " tx", p.process.getInputStream(), p.toUart, d.baud, d.clock).start();
                p.rx = new PacedPump(name + " rx", p.fromUart, p.process.getOutputStream(), d.baud, d.clock).start();
                return p;
            } catch (IOException | RuntimeException e) {
                p.kill();
                p.close();
                throw e;
            }
        }

        /**
         * SIGKILL to the program, then to every process it started. The program runs as the leader
         * of its own session (setsid), so its helpers share its process group and die with one
         * group kill afterwards; no process-table scan sits between the trigger and the kill(2).
         * On Linux {@link Process#destroyForcibly()} is kill(pid, SIGKILL) (the exit value 137 =
         * 128 + 9 seen in the tests confirms it).
         */
        void kill() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            owner.killed(System.nanoTime());
            killGroup(process.pid());
            try {
                // SIGKILL cannot be ignored; waiting makes "off() returned" mean "the device is dead".
                if (process.waitFor(10, TimeUnit.SECONDS)) {
                    owner.lastExitValue = process.exitValue();
                } else {
                    owner.log.note("pid " + process.pid() + " still not reaped 10 s after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void killGroup(long pgid) {
            try {
                Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                k.waitFor(5, TimeUnit.SECONDS); // "no such process" when the program had no helpers: fine
            } catch (IOException e) {
                owner.log.note("could not kill the process group of pid " + pgid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Tears the UART down: socat first, which ends pumps blocked on the pty with EIO. */
        @Override
        public void close() {
            List<Exception> failures = new ArrayList<>();
            run(failures, () -> { if (uart != null) uart.close(); });
            run(failures, () -> { if (tx != null) tx.close(); });
            run(failures, () -> { if (rx != null) rx.close(); });
            run(failures, () -> { if (fromUart != null) fromUart.close(); });
            run(failures, () -> { if (toUart != null) toUart.close(); });
            run(failures, () -> { if (process != null) process.getOutputStream().close(); });
            run(failures, () -> { if (process != null) process.getInputStream().close(); });
            // A log or phase trigger cuts power on the stderr thread itself: it must not wait for itself.
            run(failures, () -> { if (stderr != null && stderr != Thread.currentThread()) stderr.join(5_000); });
            run(failures, () -> { if (process != null) process.getErrorStream().close(); });
            if (!failures.isEmpty()) {
                IllegalStateException e = new IllegalStateException("device power-off left something open: "
                        + failures.get(0));
                failures.forEach(e::addSuppressed);
                throw e;
            }
        }

        private interface Step {
            void run() throws Exception;
        }

        private static void run(List<Exception> failures, Step step) {
            try {
                step.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(e);
            } catch (IOException e) {
                // Closing a stream of a killed process or a hung-up pty: nothing left to release.
            } catch (Exception e) {
                failures.add(e);
            }
        }
    }
}
