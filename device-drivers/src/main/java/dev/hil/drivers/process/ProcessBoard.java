package dev.hil.drivers.process;

import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.Board;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.OrderedClose;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.power.GpioPowerSwitch;
import dev.hil.drivers.power.GpioResetLine;
import dev.hil.drivers.power.VirtualRelay;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@code kind: process} board: Pi4J pin → {@link VirtualRelay} → {@link ProcessDevice} (program
 * + socat UART bridge) → {@link SerialPortLink} on the host end, where a protocol provider puts its
 * device ({@link dev.hil.core.rig.BoardRig}, which also holds the state lock).
 * With {@code power.reset} in the rig file a second Pi4J pin on the same context is wired to the
 * device's reset input, so the {@code reset} fault works here as on a bench ({@link #resetLine()}).
 * Starts unpowered with reset released. {@link #close()} leaves the device off, the reset pin
 * released, and releases socat, pumps and the Pi4J context.
 */
public final class ProcessBoard implements Board {
    private final RigSpec spec;
    private final Path stateDir;
    private final Path uartDir;
    private final ProcessLog log;
    private final ProcessDevice processDevice;
    private final GpioPowerSwitch pin;
    private final VirtualRelay relay;
    private final GpioResetLine resetPin;       // null: the rig file wires no reset line
    private final VirtualRelay resetWire;
    private final RigReset reset;
    private final SerialPortLink link;
    private final RigPower power;

    private ProcessBoard(RigSpec spec, Path stateDir, Path uartDir, ProcessLog log, ProcessDevice processDevice,
                         GpioPowerSwitch pin, VirtualRelay relay, GpioResetLine resetPin, VirtualRelay resetWire,
                         SerialPortLink link) {
        this.spec = spec;
        this.stateDir = stateDir;
        this.uartDir = uartDir;
        this.log = log;
        this.processDevice = processDevice;
        this.pin = pin;
        this.relay = relay;
        this.resetPin = resetPin;
        this.resetWire = resetWire;
        this.reset = resetPin == null ? null : new RigReset(resetPin, resetWire);
        this.link = link;
        this.power = new RigPower(pin, relay, link);
    }

    /**
     * Assembles the board, unpowered.
     *
     * @param stateDir the device's flash (created if missing; survives power cycles)
     */
    public static ProcessBoard open(RigSpec spec, Path stateDir) throws IOException {
        RigSpec.DeviceSpec d = spec.device();
        if (!"process".equals(d.kind())) {
            throw new IllegalArgumentException(spec.file() + ": device kind '" + d.kind() + "' is not a process");
        }
        if (d.serial() != null && !"pty".equals(d.serial())) {
            throw new IllegalArgumentException(spec.file() + ": a process device talks over serial: pty, not '"
                    + d.serial() + "'");
        }
        Files.createDirectories(stateDir);
        Path uartDir = Files.createTempDirectory("hil-uart-");
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ProcessLog log = new ProcessLog();
            ProcessDevice pd = new ProcessDevice(d.command(), spec.root(), stateDir, spec.trustKey(), d.baud(),
                    uartDir, log);
            opened.add(pd);
            GpioPowerSwitch pin = GpioPowerSwitch.open(spec.power());
            opened.add(0, pin);
            VirtualRelay relay = VirtualRelay.wire(pin, pd);
            opened.add(0, relay);
            GpioResetLine resetPin = null;
            VirtualRelay resetWire = null;
            if (spec.power().reset() != null) {
                resetPin = pin.openResetLine(spec.power().reset());
                opened.add(0, resetPin);
                resetWire = VirtualRelay.wire(resetPin, pd);
                opened.add(0, resetWire);
            }
            SerialPortLink link = new SerialPortLink(pd.hostPort(), d.baud());
            link.markDown(); // unpowered until the first power().on()
            opened.add(0, link);
            return new ProcessBoard(spec, stateDir, uartDir, log, pd, pin, relay, resetPin, resetWire, link);
        } catch (RuntimeException e) {
            opened.add(() -> deleteTree(uartDir, true));
            OrderedClose.closeOpened(e, opened);
            throw e;
        }
    }

    @Override
    public PowerSwitch power() {
        return power;
    }

    @Override
    public SerialLink link() {
        return link;
    }

    /** The reset pin, when the rig file wires one ({@code power.reset}). */
    @Override
    public Optional<ResetLine> resetLine() {
        return Optional.ofNullable(reset);
    }

    @Override
    public DeviceLog log() {
        return log;
    }

    /** The device log with its timestamped copy, for the report attachment. */
    public ProcessLog processLog() {
        return log;
    }

    /** The program behind the relay (pid, kill instant). */
    public ProcessDevice processDevice() {
        return processDevice;
    }

    /** The reset GPIO pin (to check its level; drive it through {@link #resetLine()}). */
    public Optional<GpioResetLine> resetPin() {
        return Optional.ofNullable(resetPin);
    }

    /** The relay's GPIO pin (to check its level; switch power through {@link #power()}). */
    public GpioPowerSwitch powerPin() {
        return pin;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** The program may outlive a pin that failed to switch: either one means running. */
    @Override
    public boolean deviceRunning() {
        return processDevice.isPowered() || pin.isOn();
    }

    /** Erased flash: the state directory is emptied (the directory itself stays). */
    @Override
    public void eraseDevice() {
        try {
            deleteTree(stateDir, false);
        } catch (IOException e) {
            throw new UncheckedIOException("rig " + spec.name() + ": cannot erase " + stateDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        OrderedClose.closeAll("rig " + spec.name(),
                power::off,
                link,
                relay,
                resetWire,
                // Normally already off through the pin; this covers a pin that failed to switch.
                processDevice,
                // Unwired above, so releasing the reset pin cannot start the program again.
                resetPin,
                pin,
                () -> deleteTree(uartDir, true));
    }

    /** Deletes what is under {@code dir} (and {@code dir} too if asked), never following links. */
    private static void deleteTree(Path dir, boolean includingDir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (includingDir || !p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
