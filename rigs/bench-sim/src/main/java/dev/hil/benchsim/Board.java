package dev.hil.benchsim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulated board: its supply, reset and boot-mode inputs, its CPU (the device program) and its
 * USB-UART. The CPU runs while power is on and reset is not held; the USB-UART is powered by the
 * board, so it is up while power is on (also in reset), and goes away at power-off, to come back
 * on a new /dev/pts number; with {@code portStays} it is an external adapter, up from start to exit.
 */
final class Board {
    private final Options options;
    private final EventLog events;
    private final DeviceLog deviceLog;
    private final UartWire wire = new UartWire();
    private final PortLink link;
    private boolean powerOn;
    private boolean resetHeld;
    private boolean bootModeHeld;
    private DeviceProcess device;
    private UartPort port;
    private Path lastPts;
    private boolean stopped;

    Board(Options options, EventLog events, DeviceLog deviceLog) {
        this.options = options;
        this.events = events;
        this.deviceLog = deviceLog;
        this.link = new PortLink(options.portLink());
    }

    /** Takes the lines' levels at start-up and brings the board to match them. */
    synchronized void start(Map<LineSpec, Integer> levels) throws IOException {
        link.remove(); // a stale link from a sim that was SIGKILLed
        long now = System.nanoTime();
        for (LineSpec line : options.lines()) {
            set(line, levels.get(line), now);
        }
        apply();
    }

    /** A line changed level; {@code seen} is when the watch read it. */
    synchronized void changed(LineSpec line, int level, long seen) throws IOException {
        if (!stopped) {
            set(line, level, seen);
            apply();
        }
    }

    private void set(LineSpec line, int level, long seen) {
        events.record(seen, "line " + line.role() + " " + level + " " + line.meaning(level));
        boolean asserted = line.asserted(level);
        switch (line.role()) {
            case LineSpec.POWER -> powerOn = asserted;
            case LineSpec.RESET -> resetHeld = asserted;
            default -> bootModeHeld = asserted;
        }
    }

    /** Order matters: the CPU stops before its UART goes, and the UART is up before the CPU starts talking. */
    private void apply() throws IOException {
        boolean run = powerOn && !resetHeld;
        boolean portWanted = options.portStays() || powerOn;
        if (!run && device != null) {
            device.kill(events);
            device = null;
        }
        if (!portWanted && port != null) {
            portDown();
        }
        if (portWanted && port == null) {
            portUp();
        }
        if (run && device == null) {
            List<String> cmd = new ArrayList<>(options.deviceCommand());
            if (bootModeHeld) {
                cmd.add(options.bootModeArg());
            }
            device = DeviceProcess.start(cmd, wire, deviceLog, events, bootModeHeld);
        }
    }

    /**
     * Linux hands out the lowest free pts number, which is usually the one just freed; a replugged
     * USB-UART gets a new one, so if socat got the old number, a second PTY is opened while the
     * first still holds it, and the first is then closed.
     */
    private void portUp() throws IOException {
        UartPort p = UartPort.open(wire);
        if (p.pts().equals(lastPts)) {
            UartPort next = UartPort.open(wire);
            p.close();
            p = next;
        }
        port = p;
        lastPts = p.pts();
        wire.connectPort(p.toHost());
        link.pointAt(p.pts());
        events.now("port up " + p.pts());
    }

    private void portDown() {
        link.remove();
        wire.disconnectPort();
        port.close();
        port = null;
        events.now("port down");
    }

    /** SIGTERM/SIGINT: the device is killed, the link removed, socat stopped. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (device != null) {
            device.kill(events);
            device = null;
        }
        if (port != null) {
            portDown();
        }
        link.remove();
    }
}
