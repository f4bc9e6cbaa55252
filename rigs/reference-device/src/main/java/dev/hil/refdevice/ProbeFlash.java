package dev.hil.refdevice;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The reference device's debug-probe flasher, for labs whose provisioning strategy is a command
 * (openocd, pyocd, {@code nrfjprog --program --chiperase}): erases the whole flash file, then
 * programs the image, as raw bytes, at the start of the primary slot, so the next boot verifies
 * and runs it. Like a probe it does not check the image; the bootloader does that at boot.
 *
 * <p>{@code java -cp virtual-device.jar dev.hil.refdevice.ProbeFlash --state DIR --image FILE
 * [--slot-sectors N] [--sector-size BYTES]} (the geometry of the device it flashes). Exit 0 done, 1 image larger than the slot (flash left untouched), 2 bad
 * arguments or unreadable image.
 *
 * <p>It writes the flash file only while the device program is NOT running: the caller (a bench
 * simulator holding the board in reset or unpowered, or the harness with power off) guarantees
 * that, as a real probe halts the core first. Nothing here locks the file.
 */
public final class ProbeFlash {
    static final String USAGE = "usage: ProbeFlash --state DIR --image FILE [--slot-sectors N] [--sector-size BYTES]";

    private ProbeFlash() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command; returns the exit code (so tests need no System.exit). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path state = null;
        Path image = null;
        int slotSectors = 16; // the device's default (VirtualDeviceMain)
        int sectorSize = FlashLayout.DEFAULT_SECTOR;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--state" -> state = Path.of(value(args, ++i, a));
                    case "--image" -> image = Path.of(value(args, ++i, a));
                    case "--slot-sectors" -> slotSectors = VirtualDeviceMain.Options.integer(value(args, ++i, a), a, 2);
                    case "--sector-size" -> sectorSize = VirtualDeviceMain.Options.integer(value(args, ++i, a), a, Flash.PAGE);
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (state == null || image == null) {
                throw new IllegalArgumentException("--state and --image are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("probe-flash: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (NoSuchFileException e) {
            err.println("probe-flash: no such image file: " + image);
            return 2;
        } catch (IOException e) {
            err.println("probe-flash: cannot read " + image + ": " + e);
            return 2;
        }
        FlashLayout layout = FlashLayout.of(slotSectors, sectorSize);
        if (bytes.length > layout.imageCapacity()) {
            err.println("probe-flash: image of " + bytes.length + " bytes is larger than the primary slot ("
                    + layout.imageCapacity() + " bytes with --slot-sectors " + slotSectors + ")");
            return 1;
        }
        try {
            program(state, layout, bytes);
        } catch (IOException | RuntimeException e) {
            err.println("probe-flash: " + e);
            return 1;
        }
        out.println("probe-flash: chip erased (" + layout.totalSectors() + " sectors), programmed " + bytes.length
                + " bytes into slot 0");
        return 0;
    }

    /** Chip erase (the file emptied, then re-created all 0xFF by Flash.open), then one program. */
    private static void program(Path state, FlashLayout layout, byte[] image) throws IOException {
        Files.createDirectories(state);
        Path file = state.resolve("flash.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        // Flash's own log would print a line per page; a probe reports only its summary.
        try (Flash flash = Flash.open(file, layout, 0, PowerFailure.NEVER, line -> { })) {
            flash.program(layout.offset(Slot.PRIMARY), image);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
