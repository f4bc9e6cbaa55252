package dev.hil.refdevice;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device log as a Zephyr board with MCUboot prints it: {@code [00:00:01.234,000] <inf> mcuboot:
 * ...}, uptime first, then level and module, in MCUboot's and img_mgmt's own words. The second
 * profile logs this way so that a rig file's {@code phases:} must map this board's texts: a library
 * scenario that leaned on the first profile's texts would be caught here.
 */
final class ZephyrLog implements EventLog {
    /** One rewrite: the first profile's event text, Zephyr's level and module, and the text it prints. */
    private record Rule(Pattern event, String level, String module, String text) {
        Rule(String event, String level, String module, String text) {
            this(Pattern.compile(event), level, module, text);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("boot: start", "inf", "mcuboot", "Starting bootloader"),
            new Rule("boot: slot (\\d+) version (\\S+) hash (\\S+)", "inf", "mcuboot",
                    "Jumping to the image in slot $1: version $2, hash $3"),
            new Rule("boot: recovery \\((.*)\\)", "inf", "mcuboot", "Entering serial recovery mode: $1"),
            new Rule("boot: rejected secondary: (.*)", "err", "mcuboot", "Image in the secondary slot is not valid: $1"),
            new Rule("boot: (.*)", "wrn", "mcuboot", "$1"),
            new Rule("verify: start slot (\\d+) version (\\S+)", "dbg", "mcuboot", "Checking the image in slot $1 (version $2)"),
            new Rule("verify: done slot (\\d+) (.*)", "dbg", "mcuboot", "Image check of slot $1 complete: $2"),
            new Rule("swap: start type=(\\S+) sectors=(\\d+)", "inf", "mcuboot",
                    "Starting swap using scratch algorithm (swap type $1, $2 sectors)"),
            new Rule("swap: resume (.*)", "inf", "mcuboot", "Resuming an interrupted swap: $1"),
            new Rule("swap: progress (\\d+)%", "dbg", "mcuboot", "Swap is $1 percent done"),
            new Rule("swap: done type=(\\S+)", "inf", "mcuboot", "Swap of type $1 finished"),
            new Rule("flash: erase sector (\\d+)", "dbg", "flash_sim", "erase of sector $1"),
            new Rule("flash: write sector (\\d+) off (\\d+) len (\\d+)", "dbg", "flash_sim",
                    "program of sector $1 at offset $2, $3 bytes"),
            new Rule("image confirmed (.*)", "inf", "img_mgmt", "Running image confirmed: $1"),
            new Rule("image (test|permanent) pending hash (\\S+)", "inf", "img_mgmt", "Image $2 marked for a $1 swap"),
            new Rule("image: erase slot (\\d+)", "inf", "img_mgmt", "Erasing slot $1"),
            new Rule("upload: (.*)", "inf", "img_mgmt", "Upload $1"),
            new Rule("smp: dropped frame: (.*)", "wrn", "smp_uart", "Frame discarded: $1"),
            new Rule("smp: (.*)", "inf", "mcumgr", "$1"),
            new Rule("app: running version (\\S+)", "inf", "app", "*** Booting application version $1 ***"),
            new Rule("app: (.*)", "inf", "app", "$1"),
            new Rule("(?:virtual-)?device: (.*)", "inf", "main", "$1"),
            new Rule("(.*)", "inf", "main", "$1"));

    private final EventLog out;
    private final LongSupplier nanos;
    private final long start;

    /** @param nanos the uptime clock ({@link System#nanoTime()} on the device process) */
    ZephyrLog(EventLog out, LongSupplier nanos) {
        this.out = out;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    @Override
    public void event(String line) {
        out.event(uptime(nanos.getAsLong() - start) + " " + rewrite(line));
    }

    /** "<lvl> module: text" for one event of the first profile's log. */
    static String rewrite(String event) {
        for (Rule r : RULES) {
            Matcher m = r.event.matcher(event);
            if (m.matches()) {
                return "<" + r.level + "> " + r.module + ": " + m.replaceFirst(r.text);
            }
        }
        throw new IllegalStateException("no rule for " + event); // the last rule matches every line
    }

    /** Zephyr's uptime stamp: [hh:mm:ss.mmm,uuu]. */
    static String uptime(long nanos) {
        long micros = nanos / 1_000;
        long millis = micros / 1_000;
        long seconds = millis / 1_000;
        return String.format("[%02d:%02d:%02d.%03d,%03d]", seconds / 3600, seconds / 60 % 60, seconds % 60,
                millis % 1_000, micros % 1_000);
    }
}
