package dev.hil.drivers.bench;

import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.Board;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.OrderedClose;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigFault;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.rig.SafeState;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.drivers.power.BenchLines;
import dev.hil.drivers.power.PowerDriver;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@code kind: serial} board: a real board on a serial port (a USB-UART, preferably by its
 * /dev/serial/by-id link) with its supply, reset and boot-mode lines on a power driver (pi4j,
 * command, pdudaemon). Opening takes the board's lock and applies the rig's safe state (also undoing
 * what a killed harness left on); closing applies it again. The flash cannot be erased from here:
 * the rig's provisioning strategy brings the board to a given image.
 */
public final class SerialBoard implements Board {
    private final RigSpec spec;
    private final BoardLock lock;
    private final BenchLines lines;
    private final SerialPortLink link;
    private final DeviceLog log;
    private final AutoCloseable logReader;
    private final BenchEvents events = new BenchEvents();
    private final BoardSupply supply;
    private final BenchLine reset;
    private final BenchLine bootMode;
    private final SafeState safe;
    private volatile boolean resetHeld;

    private SerialBoard(RigSpec spec, BoardLock lock, BenchLines lines, SerialPortLink link, DeviceLog log,
                        AutoCloseable logReader) {
        this.spec = spec;
        this.lock = lock;
        this.lines = lines;
        this.link = link;
        this.log = log;
        this.logReader = logReader;
        this.safe = spec.safeState();
        RigSpec.PortSpec port = spec.device().port();
        this.supply = new BoardSupply(lines.supply(), link, port.path(), spec.portBudget(),
                spec.power().wiring().settleOn(), spec.power().wiring().settleOff(), events,
                on -> lock.record(on, resetHeld));
        this.reset = lines.resetLine().map(o -> new BenchLine("reset", o, events, held -> {
            resetHeld = held;
            lock.record(supply.isOn(), held);
        })).orElse(null);
        this.bootMode = lines.bootModeLine().map(o -> new BenchLine("boot-mode", o, events, held -> { }))
                .orElse(null);
    }

    /** Locks the board, opens its lines and port, applies the safe state. */
    public static SerialBoard open(RigSpec spec, Path lockDir) throws IOException {
        RigSpec.PortSpec port = spec.device().port();
        if (port == null || port.path() == null) {
            throw new IllegalArgumentException(spec.file() + ": a serial board needs device.port");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            BoardLock lock = BoardLock.acquire(port.path().getFileName().toString(), lockDir);
            opened.add(lock);
            BenchLines lines = PowerDriver.of(spec).open(spec);
            opened.add(0, lines);
            SerialPortLink link = new SerialPortLink(port.path(), spec.device().baud(), port.parity(), port.flowControl());
            link.markDown();
            opened.add(0, link);
            TailedLog tailed = port.log() == null ? null : TailedLog.follow(port.log());
            if (tailed != null) {
                opened.add(0, tailed);
            }
            DeviceLog log = tailed != null ? tailed : listener -> () -> { };
            SerialBoard board = new SerialBoard(spec, lock, lines, link, log, tailed);
            board.applySafeState("open");
            return board;
        } catch (IOException | RuntimeException e) {
            OrderedClose.closeOpened(e, opened);
            throw e;
        }
    }

    /**
     * The rig's safe state: at open (a killed harness may have left the board on) and at close.
     * Line order: boot-mode released first, so a board powered in the safe state boots normally.
     */
    void applySafeState(String when) {
        lock.leftOver().filter(x -> when.equals("open")).ifPresent(left -> {
            String text = "a harness that ended without cleaning up left: " + left + "; applying " + safe.describe();
            System.err.println("rig " + spec.name() + ": " + text); // the lab engineer at the console sees it too
            events.tell(new TimelineEvent.Note("safe state", text));
        });
        if (bootMode != null) {
            bootMode.drive(false);
        }
        if (reset != null) {
            reset.drive(safe.resetHeld());
        }
        supply.force(safe.powered());
    }

    /** Where a harness killed with SIGKILL left the board, as its lock file recorded it. */
    public Optional<String> foundLeftOver() {
        return lock.leftOver();
    }

    @Override
    public PowerSwitch power() {
        return supply;
    }

    @Override
    public Optional<ResetLine> resetLine() {
        return Optional.ofNullable(reset);
    }

    @Override
    public Optional<ResetLine> bootModeLine() {
        return Optional.ofNullable(bootMode);
    }

    @Override
    public SerialLink link() {
        return link;
    }

    @Override
    public DeviceLog log() {
        return log;
    }

    @Override
    public AutoCloseable onBenchEvent(Consumer<TimelineEvent> listener) {
        return events.subscribe(listener);
    }

    /** A real board is brought to an image by its provisioning strategy, never by deleting files. */
    @Override
    public void eraseDevice() {
        throw new UnsupportedOperationException("rig " + spec.name() + ": a serial board cannot be erased;"
                + " its provision strategy (" + spec.provision().strategy().word() + ") brings it to the given image");
    }

    /**
     * The rig's flasher ({@code provision.command}, {@code ${image}} replaced) with the board held in
     * reset, as debug probes program a target ("connect under reset"); released after.
     */
    @Override
    public void flash(Path image) {
        if (reset == null) {
            throw new RigFault("rig " + spec.name() + ": the flasher needs a reset line (power.reset)");
        }
        List<String> argv = spec.provision().command().stream()
                .map(w -> w.replace("${image}", image.toAbsolutePath().toString())).toList();
        if (!Files.isRegularFile(image)) {
            throw new RigFault("flasher: image " + image + " does not exist");
        }
        reset.hold();
        try {
            String out = dev.hil.drivers.power.CommandPower.run("flasher", argv, spec.root());
            events.tell(new TimelineEvent.Note("flasher", String.join(" ", argv) + (out.isEmpty() ? "" : ": " + out)));
        } finally {
            reset.release();
        }
    }

    @Override
    public void close() {
        OrderedClose.closeAll("rig " + spec.name(),
                () -> applySafeState("close"),
                link,
                logReader,
                lines,
                lock);
    }
}
