package dev.hil.benchsim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the device program: the board's CPU from power-on (or reset release) to the next
 * power cut or reset. stdin/stdout are its UART (wired through {@link UartWire}), stderr its log.
 * It is never stopped cleanly: {@link #kill} is SIGKILL, to it and to everything it started.
 * If the sim itself is SIGKILLed, the device sees EOF on stdin; the reference device halts on that.
 */
final class DeviceProcess {
    private final Process process;
    private final UartWire wire;
    private volatile boolean killed;

    private DeviceProcess(Process process, UartWire wire) {
        this.process = process;
        this.wire = wire;
    }

    static DeviceProcess start(List<String> command, UartWire wire, DeviceLog log, EventLog events, boolean recovery)
            throws IOException {
        Process p = new ProcessBuilder(command).start();
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

    /** SIGKILL at once; the event is recorded when the signal is sent, then the process is reaped. */
    void kill(EventLog events) {
        killed = true;
        wire.disconnectDevice();
        // Children first, listed while the device still exists (after its death they are reparented).
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        events.now("device kill pid=" + process.pid());
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
}
