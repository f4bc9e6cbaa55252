package dev.hil.benchsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the device program: the board's CPU from power-on (or reset release) to the next
 * power cut or reset. stdin/stdout are its UART (wired through {@link UartWire}), stderr its log.
 * It is never stopped cleanly: {@link #kill} is SIGKILL, to it and to everything it started (it runs
 * in its own process group under setsid).
 * If the sim itself is SIGKILLed, the device sees EOF on stdin; the reference device halts on that.
 */
final class DeviceProcess {
    /** util-linux setsid, if installed. */
    private static final Path SETSID = findSetsid();

    private final Process process;
    private final UartWire wire;
    private volatile boolean killed;

    private DeviceProcess(Process process, UartWire wire) {
        this.process = process;
        this.wire = wire;
    }

    static DeviceProcess start(List<String> command, UartWire wire, DeviceLog log, EventLog events, boolean recovery)
            throws IOException {
        List<String> argv = command;
        if (SETSID != null) {
            // Its own process group (setsid execs in place: the pid stays the device's), so a kill
            // reaches whatever the device started without scanning /proc before the cut.
            argv = new ArrayList<>(command);
            argv.add(0, SETSID.toString());
        }
        Process p = new ProcessBuilder(argv).start();
        DeviceProcess d = new DeviceProcess(p, wire);
        events.now("device start pid=" + p.pid() + (recovery ? " boot-mode=recovery" : ""));
        wire.connectDevice(p.getOutputStream());
        log.follow(p.getErrorStream(), "device-log " + p.pid());
        Thread tx = new Thread(d::pumpStdout, "device-tx " + p.pid());
        tx.setDaemon(true);
        tx.start();
        p.onExit().thenRun(() -> {
            if (!d.killed) {
                events.now("device exit pid=" + p.pid() + " code=" + p.exitValue());
            }
        });
        return d;
    }

    long pid() {
        return process.pid();
    }

    private void pumpStdout() {
        InputStream out = process.getInputStream();
        OutputStream stdin = process.getOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = out.read(buf)) > 0) {
                wire.transmit(stdin, buf, n);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /**
     * SIGKILL at once, before anything else (the event's time is just after the signal); then the
     * rest of its process group, then the process is reaped.
     */
    void kill(EventLog events) {
        killed = true;
        wire.disconnectDevice();
        process.destroyForcibly();
        events.now("device kill pid=" + process.pid());
        killTheRest();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                System.err.println("bench-sim: device pid " + process.pid() + " survived SIGKILL for 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already broken with the process
        }
    }

    private void killTheRest() {
        if (SETSID == null) {
            // No setsid: children still listed as ours are killed; ones already reparented escape.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            return;
        }
        try {
            Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(2, TimeUnit.SECONDS); // "no such process" when the device started nothing: fine
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
