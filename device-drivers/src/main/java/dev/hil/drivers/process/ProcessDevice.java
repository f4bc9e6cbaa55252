package dev.hil.drivers.process;

import dev.hil.drivers.power.Load;
import dev.hil.drivers.power.ResetInput;
import dev.hil.drivers.serial.PaceClock;
import dev.hil.drivers.serial.PtyPair;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A device that is a program ({@code kind: process}, design.md section 5). Power-on launches the
 * command with {@code ${state}} and {@code ${trust}} filled in, working directory the rig root;
 * its stdin/stdout are the UART, bridged at the rig's baud to the device end of a {@link PtyPair}
 * whose host end the harness opens as a serial port; its stderr is the {@link ProcessLog}.
 * Power-off is SIGKILL at once (flash writes in flight are torn, as on a real board), then the
 * UART bridge is taken down so the host port vanishes.
 *
 * <p>It also has a reset input ({@link ResetInput}): held, the program is SIGKILLed the same way
 * but the {@link UartBridge} stays up (on a board the USB-UART does not notice the CPU's reset),
 * so the harness keeps its open port; what the host sends meanwhile is discarded. Released, the
 * program is launched again on the same state with fresh pipes ({@link DeviceProgram}). Reset
 * held while power comes on keeps the program from starting until the release. Hence the split:
 * the bridge lives per power cycle, the program per launch.
 */
public final class ProcessDevice implements Load, ResetInput, AutoCloseable {
    private final List<String> command;
    private final Path workDir;
    private final Path stateDir;
    private final Path trustKey;
    private final int baud;
    private final Path hostPort;
    private final Path devicePort;
    private final ProcessLog log;
    private final PaceClock clock;
    private UartBridge uart;              // guarded by this; null while unpowered
    private DeviceProgram program;        // guarded by this; null while unpowered or held in reset
    private DeviceProgram lastProgram;    // guarded by this; the last one stopped (its log may still drain)
    private boolean inReset;              // guarded by this; the reset input's level, whether powered or not
    private volatile KillTimes lastKill;
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
        // The cut path's natives are bound before the first cut, not during it.
        KillSyscall.bind();
        CutPriority.probe();
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

    /** Whether the supply is on (the UART bridge is up), whether or not the program runs. */
    public synchronized boolean isPowered() {
        return uart != null;
    }

    /** Whether the reset input is held (the program does not run, powered or not). */
    public synchronized boolean isHeldInReset() {
        return inReset;
    }

    /** The running device program: powered and not held in reset. */
    public synchronized Optional<ProcessHandle> process() {
        return program == null ? Optional.empty() : Optional.of(program.handle());
    }

    /** Host bytes the device threw away this power cycle because it was held in reset (0 while unpowered). */
    public synchronized long discardedHostBytes() {
        return uart == null ? 0 : uart.discardedBytes();
    }

    /**
     * {@link System#nanoTime()} taken right after the last SIGKILL was sent (power-off or reset
     * hold), for measuring trigger-to-kill latency; empty before the first kill.
     */
    public OptionalLong lastKillNanos() {
        KillTimes k = lastKill;
        return k == null ? OptionalLong.empty() : OptionalLong.of(k.sentNanos());
    }

    /** The instants of the last kill, step by step; empty before the first kill. */
    public Optional<KillTimes> lastKill() {
        return Optional.ofNullable(lastKill);
    }

    /** Exit value of the program at the last kill (137 = killed by SIGKILL); empty before. */
    public OptionalInt lastExitValue() {
        Integer v = lastExitValue;
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    @Override
    public synchronized void powerOn() {
        if (uart != null) {
            return;
        }
        try {
            UartBridge u = UartBridge.open(hostPort, devicePort, baud, clock);
            try {
                if (!inReset) {
                    program = launch(u);
                }
            } catch (IOException | RuntimeException e) {
                u.close();
                throw e;
            }
            uart = u;
        } catch (IOException e) {
            throw new UncheckedIOException("device power-on failed: " + e.getMessage(), e);
        }
        log.note(program != null ? "power on: pid " + program.pid() + " " + String.join(" ", resolvedCommand())
                : "power on, held in reset: program not started");
    }

    @Override
    public synchronized void powerOff() {
        long relayed = System.nanoTime();
        UartBridge u = uart;
        if (u == null) {
            return;
        }
        uart = null;
        DeviceProgram p = program;
        program = null;
        List<Exception> failures = new ArrayList<>();
        if (p != null) {
            kill(p, relayed);
            log.note("power off: SIGKILL pid " + p.pid());
        } else {
            log.note("power off (held in reset: no program running)");
        }
        // The UART first: socat going away ends a stdout pump blocked on the pty with EIO.
        run(failures, u::close);
        if (p != null) {
            run(failures, p::close);
        }
        throwIfAny("device power-off", failures);
    }

    /** Stops the program as power-off does, but the UART stays up; host bytes are discarded from now on. */
    @Override
    public synchronized void holdInReset() {
        long relayed = System.nanoTime();
        if (inReset) {
            return;
        }
        inReset = true;
        DeviceProgram p = program;
        if (p == null) {
            log.note("reset held" + (uart == null ? " (unpowered)" : ""));
            return;
        }
        program = null;
        uart.disconnect();
        kill(p, relayed);
        log.note("reset held: SIGKILL pid " + p.pid() + ", UART stays up");
        p.close();
    }

    /** Launches the program again if powered; its state directory is as the killed run left it. */
    @Override
    public synchronized void releaseFromReset() {
        if (!inReset) {
            return;
        }
        inReset = false;
        if (uart == null) {
            log.note("reset released (unpowered)");
            return;
        }
        try {
            program = launch(uart);
        } catch (IOException e) {
            throw new UncheckedIOException("device start after reset failed: " + e.getMessage(), e);
        }
        log.note("reset released: pid " + program.pid() + " " + String.join(" ", resolvedCommand()));
    }

    /** Leaves the device unpowered. Idempotent. */
    @Override
    public void close() {
        powerOff();
    }

    private DeviceProgram launch(UartBridge u) throws IOException {
        DeviceProgram previous = lastProgram;
        if (previous != null) {
            try {
                previous.awaitLogEnd(); // the last run's log lines come before this run's
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return DeviceProgram.launch(launchCommand(), workDir, u, log, baud, clock);
    }

    /** The one kill path of power-off and reset hold. */
    private void kill(DeviceProgram p, long relayedNanos) {
        p.kill();
        lastKill = p.killTimes(relayedNanos);
        p.exitValue().ifPresent(v -> lastExitValue = v);
        lastProgram = p;
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs one release step; a stream of a killed process or a hung-up pty failing to close is fine. */
    static void run(List<Exception> failures, Step step) {
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

    static void throwIfAny(String what, List<Exception> failures) {
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(what + " left something open: " + failures.get(0));
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
