package dev.hil.drivers.process;

import dev.hil.drivers.serial.PaceClock;
import dev.hil.drivers.serial.PacedPump;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One run of the device program, from a power-on or reset release to the SIGKILL of a power cut or
 * reset hold: the process, its stdout pumped to the {@link UartBridge} at the UART's baud, its
 * stdin connected to the bridge, its stderr followed into the {@link ProcessLog}. Every launch gets
 * fresh pipes and threads; the bridge outlives it across resets.
 */
final class DeviceProgram {
    private final Process process;
    private final UartBridge uart;
    private final ProcessLog log;
    private PacedPump tx;       // device stdout -> UART
    private Thread stderr;
    private long killCallNanos;
    private long killedAtNanos;
    private long goneNanos;
    private Integer exitValue;

    private DeviceProgram(Process process, UartBridge uart, ProcessLog log) {
        this.process = process;
        this.uart = uart;
        this.log = log;
    }

    /**
     * Starts {@code command} (already wrapped in setsid) in {@code workDir} and plugs it into the
     * UART; on failure nothing of it is left running.
     */
    static DeviceProgram launch(List<String> command, Path workDir, UartBridge uart, ProcessLog log,
                                int baud, PaceClock clock) throws IOException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        DeviceProgram p = new DeviceProgram(process, uart, log);
        try {
            String name = "device " + process.pid();
            p.stderr = log.follow(process.getErrorStream(), name + " stderr");
            p.tx = new PacedPump(name + " tx", process.getInputStream(), uart.toHost(), baud, clock).start();
            uart.connect(process.getOutputStream());
            return p;
        } catch (RuntimeException e) {
            uart.disconnect();
            p.kill();
            try {
                p.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** When the last {@link #kill()} called kill(2), sent the SIGKILL and saw the program reaped. */
    KillTimes killTimes(long relayedNanos) {
        return new KillTimes(relayedNanos, killCallNanos, killedAtNanos, goneNanos);
    }

    /** Exit value once reaped after {@link #kill()} (137 = SIGKILL); empty if it was not reaped. */
    OptionalInt exitValue() {
        return exitValue == null ? OptionalInt.empty() : OptionalInt.of(exitValue);
    }

    /**
     * SIGKILL to the program and every process it started, with one kill(2) of its process group:
     * the program runs as the leader of its own session (setsid), so its helpers share its group.
     * Right after launch setsid may not have made the group yet; the program itself is then
     * killed by pid (it cannot have helpers yet). Used by power-off and by reset hold alike:
     * either way flash writes in flight are torn. A program that had already exited is noted in
     * the log, not an error. The kill runs at real-time priority where allowed ({@link CutPriority}).
     */
    void kill() {
        boolean sent;
        killCallNanos = System.nanoTime();
        boolean raised = CutPriority.raise();
        try {
            sent = KillSyscall.group(process.pid()) || (process.isAlive() && KillSyscall.process(process.pid()));
            killedAtNanos = System.nanoTime();
        } finally {
            CutPriority.lower(raised);
        }
        if (!sent) {
            log.note("pid " + process.pid() + " had already exited: no process left to kill");
        }
        try {
            // SIGKILL cannot be ignored; waiting makes "off() returned" mean "the device is dead":
            // no write of the killed run can land in the flash after this (erase, next power-on).
            if (process.waitFor(10, TimeUnit.SECONDS)) {
                goneNanos = System.nanoTime();
                exitValue = process.exitValue();
            } else {
                log.note("pid " + process.pid() + " still not reaped 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the stderr follower has delivered this run's last log line (it ends at the end
     * of the pipe, right after the kill), unless the caller is that follower.
     */
    void awaitLogEnd() throws InterruptedException {
        Thread t = stderr;
        if (t != null && t != Thread.currentThread()) {
            t.join(5_000);
        }
    }

    /**
     * Releases the pipes and threads of a killed program. Its stdout pump ends at the end of the
     * pipe (or at once if it was pacing); the stderr follower is joined so every log line of this
     * run was delivered before the next run's first one.
     */
    void close() {
        List<Exception> failures = new ArrayList<>();
        ProcessDevice.run(failures, () -> { if (tx != null) tx.close(); });
        ProcessDevice.run(failures, () -> process.getOutputStream().close());
        ProcessDevice.run(failures, () -> process.getInputStream().close());
        // A log or phase trigger cuts power or holds reset on the stderr thread itself: it must
        // not wait for itself.
        ProcessDevice.run(failures, this::awaitLogEnd);
        ProcessDevice.run(failures, () -> process.getErrorStream().close());
        ProcessDevice.throwIfAny("device program pid " + process.pid(), failures);
    }
}
