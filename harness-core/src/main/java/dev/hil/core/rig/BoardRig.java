package dev.hil.core.rig;

import dev.hil.core.device.Device;
import dev.hil.core.link.SerialLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A rig as board + protocol: the board's power, lines, link and log with the protocol's device on
 * its link. Every board kind gets the one-harness-per-device {@link StateLock} here, taken before
 * the board is opened and released last. Closing powers off, closes the device, the board, the lock.
 */
public final class BoardRig<B extends Board> extends DescribedRig {
    /** Opens a board of a known type (for tests and tools that reach into it). */
    @FunctionalInterface
    public interface BoardOpener<B extends Board> {
        B open(RigSpec spec, Path stateDir) throws IOException;
    }

    /** Builds the protocol's device over the board ({@link ProtocolProvider#open}). */
    @FunctionalInterface
    public interface DeviceOpener {
        Device open(RigSpec spec, Board board);
    }

    private final B board;
    private final Device device;
    private final StateLock lock;
    private final PowerSwitch power;
    private final ResetLine reset;

    private BoardRig(RigSpec spec, B board, Device device, StateLock lock) {
        super(spec);
        this.board = board;
        this.device = device;
        this.lock = lock;
        this.power = new BootingPower(board.power(), device);
        this.reset = board.resetLine().map(r -> (ResetLine) new BootingReset(r, device)).orElse(null);
    }

    /** Locks the state folder, opens the board, puts the protocol's device on it; on failure closes what it opened. */
    public static <B extends Board> BoardRig<B> open(RigSpec spec, Path stateDir, BoardOpener<B> boards,
                                                     DeviceOpener protocol) throws IOException {
        Files.createDirectories(stateDir);
        StateLock lock = StateLock.acquire(stateDir);
        B board = null;
        try {
            board = boards.open(spec, stateDir);
            return new BoardRig<>(spec, board, protocol.open(spec, board), lock);
        } catch (IOException | RuntimeException e) {
            closeOpened(e, board == null ? List.of(lock) : List.of(board, lock));
            throw e;
        }
    }

    /** The board under the protocol (to check a pin, a process, a disk). */
    public B board() {
        return board;
    }

    @Override
    public PowerSwitch power() {
        return power;
    }

    @Override
    public Optional<ResetLine> resetLine() {
        return Optional.ofNullable(reset);
    }

    @Override
    public SerialLink link() {
        return board.link();
    }

    @Override
    public Optional<ResetLine> bootModeLine() {
        return board.bootModeLine();
    }

    @Override
    public void flash(Path image) {
        board.flash(image);
    }

    @Override
    public AutoCloseable onBenchEvent(java.util.function.Consumer<dev.hil.core.timeline.TimelineEvent> listener) {
        return board.onBenchEvent(listener);
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public DeviceLog log() {
        return board.log();
    }

    @Override
    public void eraseDevice() {
        requirePoweredOff(board.deviceRunning());
        board.eraseDevice();
    }

    @Override
    public void close() {
        closeInOrder(power::off, device instanceof AutoCloseable c ? c : null, board, lock);
    }

    private static void booting(Device device) {
        if (device instanceof PowerOnAware aware) {
            aware.poweredOn();
        }
    }

    /** The board's supply; a protocol that must know tells power-on before the device starts. */
    private record BootingPower(PowerSwitch supply, Device device) implements PowerSwitch {
        @Override
        public void on() {
            if (!supply.isOn()) {
                booting(device);
            }
            supply.on();
        }

        @Override
        public void off() {
            supply.off();
        }

        @Override
        public boolean isOn() {
            return supply.isOn();
        }
    }

    /** The board's reset pin; its release boots the device as power-on does. */
    private record BootingReset(ResetLine line, Device device) implements ResetLine {
        @Override
        public void hold() {
            line.hold();
        }

        @Override
        public void release() {
            if (line.held()) {
                booting(device);
            }
            line.release();
        }

        @Override
        public boolean held() {
            return line.held();
        }
    }
}
