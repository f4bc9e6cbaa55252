package dev.hil.drivers.qemu;

import dev.hil.core.device.Device;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.DescribedRig;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.serial.SerialPortLink;
import dev.hil.drivers.uboot.AbBootDevice;
import dev.hil.drivers.uboot.FactoryEnvironment;
import dev.hil.drivers.ymodem.YmodemTimeouts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code kind: qemu}, {@code protocol: uboot} rig: U-Boot on {@code qemu-system-arm -M virt}
 * with its factory environment (the A/B scripts) in pflash bank 1 and the slots and boot state on
 * a virtio-blk disk in the state directory (pflash cannot hold images on this QEMU, see
 * docs/qemu-uboot.md). Power is QEMU itself: on = launch, off = SIGKILL. The device log is the
 * console. Starts unpowered; closing leaves QEMU dead and the run directory deleted.
 */
public final class QemuRig extends DescribedRig {
    /** 16 MiB: boot state at 128 KiB, slots A and B of 4 MiB at 1 MiB and 5 MiB (ab-boot.env). */
    static final long DISK_BYTES = 16L << 20;
    private static final Duration QEMU_START = Duration.ofSeconds(10);
    /** One script run: install verifies the package, writes the slot and verifies it again. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * U-Boot's loady ACKs the header block but sends no 'C' for the data until its own 2 s
     * character timeout and a 2 s flush have passed (xyzModem.c), so a reply wait must exceed 4 s.
     */
    private static final YmodemTimeouts YMODEM = YmodemTimeouts.DEFAULTS
            .withStart(Duration.ofSeconds(10)).withReply(Duration.ofSeconds(6));

    private final QemuBoard board;
    private final BlockDisk disk;
    private final byte[] environment;
    private final SerialPortLink link;
    private final AbBootDevice device;
    private final PowerSwitch power;

    private QemuRig(RigSpec spec, QemuBoard board, BlockDisk disk, byte[] environment, SerialPortLink link,
                    AbBootDevice device) {
        super(spec);
        this.board = board;
        this.disk = disk;
        this.environment = environment;
        this.link = link;
        this.device = device;
        this.power = new Supply(new QemuPower(board, link), device);
    }

    /**
     * @param firmware    U-Boot for pflash bank 0
     * @param environment the factory environment file (ab-boot.env or a variant)
     */
    public static QemuRig open(RigSpec spec, Path stateDir, Path firmware, Path environment) throws IOException {
        if (!"qemu".equals(spec.device().kind()) || !"uboot".equals(spec.protocol())) {
            throw new IllegalArgumentException(spec.file() + ": QemuRig drives kind qemu with protocol uboot, not "
                    + spec.device().kind() + "/" + spec.protocol());
        }
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
            AbBootDevice device = new AbBootDevice(link, spec.bootBudget(), SCRIPT_TIMEOUT, YMODEM);
            return new QemuRig(spec, board, disk, env, link, device);
        } catch (IOException | RuntimeException e) {
            closeOpened(e, opened);
            throw e;
        }
    }

    /** Power through QEMU; every power-on tells the device it is booting again. */
    private record Supply(QemuPower qemu, AbBootDevice device) implements PowerSwitch {
        @Override
        public void on() {
            if (!qemu.isOn()) {
                device.poweredOn();
                qemu.on();
            }
        }

        @Override
        public void off() {
            qemu.off();
        }

        @Override
        public boolean isOn() {
            return qemu.isOn();
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
    public Device device() {
        return device;
    }

    @Override
    public DeviceLog log() {
        return device.console().log();
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
        requirePoweredOff(board.isRunning());
        try {
            disk.erase();
            board.banks().eraseData();
            board.banks().writeEnvironment(environment);
        } catch (IOException e) {
            throw new UncheckedIOException("rig " + name() + ": cannot erase: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeInOrder(power::off, device, link, board);
    }
}
