package dev.hil.drivers.qemu;

import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.Board;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.OrderedClose;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.serial.SerialPortLink;
import dev.hil.drivers.uboot.ConsoleLog;
import dev.hil.drivers.uboot.FactoryEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code kind: qemu} board: {@code qemu-system-arm -M virt} booting {@code device.firmware} with
 * {@code device.environment} as its factory environment in pflash bank 1 and the slots and boot
 * state on a virtio-blk disk in the state directory (pflash cannot hold images on this QEMU, see
 * docs/qemu-uboot.md). Power is QEMU itself: on = launch, off = SIGKILL. The device log is the
 * console (a tap on the link). Starts unpowered; closing leaves QEMU dead and the run directory deleted.
 */
public final class QemuMachine implements Board {
    /** 16 MiB: boot state at 128 KiB, slots A and B of 4 MiB at 1 MiB and 5 MiB (ab-boot.env). */
    static final long DISK_BYTES = 16L << 20;
    private static final java.time.Duration QEMU_START = java.time.Duration.ofSeconds(10);

    private final RigSpec spec;
    private final QemuBoard board;
    private final BlockDisk disk;
    private final byte[] environment;
    private final SerialPortLink link;
    private final ConsoleLog log = new ConsoleLog();
    private final PowerSwitch power;

    private QemuMachine(RigSpec spec, QemuBoard board, BlockDisk disk, byte[] environment, SerialPortLink link) {
        this.spec = spec;
        this.board = board;
        this.disk = disk;
        this.environment = environment;
        this.link = link;
        this.power = new QemuPower(board, link);
        link.addTap(log);
    }

    /**
     * @param firmware    U-Boot for pflash bank 0
     * @param environment the factory environment file (ab-boot.env or a variant)
     */
    public static QemuMachine open(RigSpec spec, Path stateDir, Path firmware, Path environment) throws IOException {
        byte[] env = FactoryEnvironment.read(environment).block(FactoryEnvironment.QEMU_ARM_ENV_BYTES);
        Path qemu = Path.of(spec.device().command().isEmpty() ? "qemu-system-arm" : spec.device().command().get(0));
        BlockDisk disk = BlockDisk.prepare(stateDir, "slots.img", DISK_BYTES);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            QemuBoard board = QemuBoard.open(stateDir, firmware, qemu, QEMU_START, disk.file());
            opened.add(board);
            board.banks().writeEnvironment(env);
            SerialPortLink link = new SerialPortLink(board.consolePort(), 0);
            link.markDown(); // unpowered until power().on()
            opened.add(0, link);
            return new QemuMachine(spec, board, disk, env, link);
        } catch (IOException | RuntimeException e) {
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

    @Override
    public DeviceLog log() {
        return log;
    }

    /** Timestamped copy of the console so far, for the report attachment. */
    public List<String> consoleLines() {
        return log.lines();
    }

    public QemuBoard board() {
        return board;
    }

    public BlockDisk disk() {
        return disk;
    }

    /**
     * A fresh board: blank disk (no slots, no boot state) and the factory environment. Bank 1 is
     * erased too, so nothing a test left there survives.
     */
    @Override
    public void eraseDevice() {
        try {
            disk.erase();
            board.banks().eraseData();
            board.banks().writeEnvironment(environment);
        } catch (IOException e) {
            throw new UncheckedIOException("rig " + spec.name() + ": cannot erase: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        OrderedClose.closeAll("rig " + spec.name(), power::off, () -> {
            link.removeTap(log);
            log.flush(); // the last words of the console, unterminated
        }, link, board);
    }
}
