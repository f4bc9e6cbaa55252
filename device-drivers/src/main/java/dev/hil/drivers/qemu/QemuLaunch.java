package dev.hil.drivers.qemu;

import java.nio.file.Path;
import java.util.List;

/**
 * How one power-on of the board starts QEMU. The machine starts paused ({@code -S}): the harness
 * first attaches to the console PTY and only then lets the CPU run, because QEMU drops console
 * output while nobody holds the PTY open and the U-Boot banner would be lost.
 *
 * @param binary     qemu-system-arm
 * @param memoryMiB  guest RAM; U-Boot needs little, and RAM is 0x40000000 upwards on virt
 * @param disk       raw image attached as a virtio-blk device (U-Boot {@code virtio read/write}),
 *                   or null for none
 */
public record QemuLaunch(Path binary, int memoryMiB, FlashBanks banks, Path qmpSocket, Path disk) {
    public static final Path DEFAULT_BINARY = Path.of("qemu-system-arm");
    public static final Path DEBIAN_UBOOT = Path.of("/usr/lib/u-boot/qemu_arm/u-boot.bin");

    public List<String> argv() {
        List<String> argv = new java.util.ArrayList<>(List.of(binary.toString(),
                "-M", "virt",
                "-m", Integer.toString(memoryMiB),
                "-nographic",
                // No NIC: otherwise U-Boot's default bootcmd spends seconds on DHCP/TFTP after autoboot.
                "-nic", "none",
                "-S",
                "-drive", "if=pflash,format=raw,file=" + option(banks.bootBank()),
                "-drive", "if=pflash,format=raw,file=" + option(banks.dataBank()),
                "-serial", "pty",
                "-monitor", "none",
                "-qmp", "unix:" + option(qmpSocket) + ",server=on,wait=off"));
        if (disk != null) {
            // virtio-mmio block device. QEMU completes a guest write only after its pwrite to the
            // file returned, and SIGKILL does not discard the host page cache, so the default cache
            // mode already keeps every write the guest saw complete (docs/qemu-uboot.md).
            argv.addAll(List.of("-drive", "if=none,format=raw,id=slots,file=" + option(disk),
                    "-device", "virtio-blk-device,drive=slots"));
        }
        return List.copyOf(argv);
    }

    /** A path inside a QEMU option string, where a comma would start the next option unless doubled. */
    private static String option(Path p) {
        return p.toAbsolutePath().toString().replace(",", ",,");
    }
}
