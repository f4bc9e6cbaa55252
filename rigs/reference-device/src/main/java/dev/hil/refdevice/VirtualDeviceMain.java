package dev.hil.refdevice;

import dev.hil.refdevice.image.TrustedKey;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The reference virtual device as an OS process: stdin/stdout are its UART (SMP frames), stderr its
 * log. {@code --state DIR --trust PUBKEY.pem [--defect NAME]... [--slot-sectors N] [--erase-ms N]
 * [--serial-recovery]}, and what makes a second profile of the board (its build and flash part):
 * {@code [--sector-size BYTES] [--log-style plain|zephyr] [--image-list full|frugal] [--slot-info]}.
 * {@code --serial-recovery} is the boot-mode pin held at power-on (a bench simulator passes it when
 * its boot-mode line is held as it starts the device).
 * Exit 2 on bad arguments. The harness power-cycles it with SIGKILL, so nothing here relies on a
 * clean shutdown.
 */
public final class VirtualDeviceMain {
    private static final String USAGE = "usage: virtual-device --state DIR --trust PUBKEY.pem [--defect NAME]..."
            + " [--slot-sectors N] [--erase-ms N] [--serial-recovery] [--sector-size BYTES]"
            + " [--log-style plain|zephyr] [--image-list full|frugal] [--slot-info]";

    private VirtualDeviceMain() {
    }

    public static void main(String[] args) {
        EventLog stderr = new StderrLog();
        EventLog log = stderr;
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            log.event("virtual-device: " + e.getMessage());
            log.event(USAGE);
            System.exit(2);
            return;
        }
        if (o.zephyrLog) {
            log = new ZephyrLog(stderr, System::nanoTime);
        }
        try {
            run(o, log);
        } catch (IOException | RuntimeException e) {
            log.event("virtual-device: fatal: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(Options o, EventLog log) throws IOException {
        long inMain = sinceProcessStart();
        Files.createDirectories(o.state);
        long t0 = System.nanoTime();
        TrustedKey trust = TrustedKey.load(o.trust); // loads the JDK's EC provider: much of start-up time
        long keyMillis = (System.nanoTime() - t0) / 1_000_000;
        Flash flash = Flash.open(o.state.resolve("flash.bin"), FlashLayout.of(o.slotSectors, o.sectorSize),
                o.eraseMillis, PowerFailure.NEVER, log);
        VirtualDevice device = new VirtualDevice(flash, trust, o.defects, log);
        if (!o.defects.isEmpty()) {
            log.event("device: defects " + o.defects);
        }
        long t1 = System.nanoTime();
        if (o.serialRecovery) {
            device.bootSerialRecovery();
        } else {
            device.boot();
        }
        log.event("device: ready in " + sinceProcessStart() + " ms after process start (main entered at " + inMain
                + " ms, trust key " + keyMillis + " ms, boot " + (System.nanoTime() - t1) / 1_000_000 + " ms)");
        OutputStream uart = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192);
        new SmpServer(device, log, o.imageList, o.slotInfo).serve(new FileInputStream(FileDescriptor.in), uart);
        log.event("device: UART closed, halting");
    }

    private static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
    }

    /** Command-line options; parse errors are IllegalArgumentException with a one-line reason. */
    record Options(Path state, Path trust, Set<Defect> defects, int slotSectors, long eraseMillis,
                   boolean serialRecovery, int sectorSize, boolean zephyrLog, ImageList imageList, boolean slotInfo) {
        static Options parse(String[] args) {
            Path state = null;
            Path trust = null;
            Set<Defect> defects = EnumSet.noneOf(Defect.class);
            int slotSectors = 16;
            long eraseMillis = 1;
            boolean serialRecovery = false;
            int sectorSize = FlashLayout.DEFAULT_SECTOR;
            boolean zephyrLog = false;
            ImageList imageList = ImageList.FULL;
            boolean slotInfo = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--state" -> state = Path.of(value(args, ++i, a));
                    case "--trust" -> trust = Path.of(value(args, ++i, a));
                    case "--defect" -> {
                        String name = value(args, ++i, a);
                        defects.add(Defect.byFlag(name).orElseThrow(() -> new IllegalArgumentException(
                                "unknown defect '" + name + "' (known: " + Defect.known() + ")")));
                    }
                    case "--slot-sectors" -> slotSectors = integer(value(args, ++i, a), a, 2);
                    case "--erase-ms" -> eraseMillis = integer(value(args, ++i, a), a, 0);
                    case "--serial-recovery" -> serialRecovery = true;
                    case "--sector-size" -> sectorSize = integer(value(args, ++i, a), a, Flash.PAGE);
                    case "--log-style" -> zephyrLog = logStyle(value(args, ++i, a));
                    case "--image-list" -> imageList = ImageList.byFlag(value(args, ++i, a));
                    case "--slot-info" -> slotInfo = true;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (state == null || trust == null) {
                throw new IllegalArgumentException("--state and --trust are required");
            }
            if (sectorSize % Flash.PAGE != 0) {
                throw new IllegalArgumentException("--sector-size must be a multiple of " + Flash.PAGE + ", got "
                        + sectorSize);
            }
            return new Options(state, trust, defects, slotSectors, eraseMillis, serialRecovery, sectorSize, zephyrLog,
                    imageList, slotInfo);
        }

        /** True for Zephyr's log format, false for the first profile's plain event lines. */
        private static boolean logStyle(String style) {
            return switch (style) {
                case "plain" -> false;
                case "zephyr" -> true;
                default -> throw new IllegalArgumentException("unknown log style '" + style + "' (known: plain, zephyr)");
            };
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        static int integer(String text, String option, int min) {
            try {
                int v = Integer.parseInt(text);
                if (v >= min) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs an integer >= " + min + ", got '" + text + "'");
        }
    }
}
