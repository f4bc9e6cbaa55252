package dev.hil.drivers.uboot;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.PowerOnAware;
import dev.hil.drivers.ymodem.YmodemFile;
import dev.hil.drivers.ymodem.YmodemTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A board whose bootloader is U-Boot running the A/B scripts of {@code rigs/qemu-uboot/ab-boot.env},
 * driven like a lab board over its console. Upload = reset, stop autoboot, {@code loady} the image
 * as a FIT ({@link FitPackage}) with our YMODEM sender, {@code run ab_install} (verify in RAM,
 * write the inactive slot, verify it on disk). Test = {@code run ab_test} (the switch: arm a trial
 * boot of that slot), reset = {@code reset} with autoboot left to run, confirm = {@code run
 * ab_confirm}, images = {@code run ab_status}.
 *
 * <p>Typing while the boot script runs would be read by the script's commands (U-Boot's ctrlc()
 * polling swallows keys), so after every power-on and reset the device first waits, sending
 * nothing, for the script's last words ({@value #BOOT_DONE} and the prompt).
 * Call {@link #poweredOn()} when the board got power. Calls are serialized.
 */
public final class AbBootDevice implements Device, PowerOnAware, AutoCloseable {
    /** What {@code bootcmd} prints last. */
    static final String BOOT_DONE = "ab: ready";
    /** Where {@code loady} puts the package (ab_load in the scripts; no 'C' in it, see UbootConsole#loady). */
    private static final long LOAD_ADDRESS = 0x4200_0000L;
    private static final Pattern SLOT_OK = Pattern.compile("^ab: slot ([AB]) ok version (\\S+) hash ([0-9a-f]{64})$");
    private static final Pattern SLOT_BAD = Pattern.compile("^ab: slot ([AB]) invalid$");
    private static final Pattern STATE = Pattern.compile(
            "^ab: state valid ([01]) seq (\\S+) slot ([AB]) trial (\\S+) tries (\\S+)$");
    private static final Pattern BOOTED = Pattern.compile("^ab: booted (A|B|none)$");

    private enum Phase { BOOTING, RUNNING, BOOTLOADER }

    private final UbootConsole console;
    private final Duration bootTimeout;
    private final Duration scriptTimeout;
    private final YmodemTimeouts ymodem;
    private Phase phase = Phase.BOOTING;
    private Consumer<String> transcript = line -> { };

    /**
     * @param bootTimeout   power-on or reset until the boot script is done
     * @param scriptTimeout one script run (install verifies and writes; status verifies both slots)
     */
    public AbBootDevice(SerialLink link, Duration bootTimeout, Duration scriptTimeout, YmodemTimeouts ymodem) {
        this.console = new UbootConsole(link, scriptTimeout);
        this.bootTimeout = bootTimeout;
        this.scriptTimeout = scriptTimeout;
        this.ymodem = ymodem;
    }

    public UbootConsole console() {
        return console;
    }

    /** The board just got power: it is booting, and nothing may be typed until the script is done. */
    @Override
    public synchronized void poweredOn() {
        phase = Phase.BOOTING;
    }

    @Override
    public synchronized void onTranscript(Consumer<String> line) {
        transcript = line;
    }

    @Override
    public synchronized void upload(FirmwareImage image, LongConsumer progress) {
        FitPackage fit = FitPackage.of(image);
        enterBootloader();
        transcript.accept("> loady 0x" + Long.toHexString(LOAD_ADDRESS) + " (YMODEM, FIT of " + fit.size()
                + " bytes for image " + image.version() + ", " + image.size() + " bytes)");
        long got = console.loady(LOAD_ADDRESS, YmodemFile.of("app-" + image.version() + ".itb", fit.bytes()), ymodem,
                // Acked FIT bytes scaled to image bytes: the FIT is the image plus a few hundred bytes of tree.
                (file, bytes, size) -> progress.accept(Math.min(image.size(), bytes * image.size() / Math.max(1, size))));
        transcript.accept("< loady: " + got + " bytes received");
        if (got != fit.size()) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, "loady received " + got + " bytes, sent " + fit.size());
        }
        String out = script("run ab_install");
        Matcher m = Pattern.compile("ab: installed slot ([AB]) version \\S+ hash ([0-9a-f]{64})").matcher(out);
        if (!m.find()) {
            throw new DeviceException(DeviceException.Kind.REFUSED, "install: " + abLines(out));
        }
        if (!m.group(2).equals(image.hashHex())) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, "install: device verified hash " + m.group(2)
                    + ", harness computed " + image.hashHex());
        }
    }

    @Override
    public synchronized List<ImageSlot> images() {
        String out = script("run ab_status");
        return parseStatus(out);
    }

    static List<ImageSlot> parseStatus(String out) {
        String[] version = new String[2];
        byte[][] hash = new byte[2][];
        boolean[] seen = new boolean[2];
        Matcher state = null;
        String booted = null;
        for (String line : out.split("\n")) {
            String l = line.strip();
            Matcher m;
            if ((m = SLOT_OK.matcher(l)).matches()) {
                int i = m.group(1).charAt(0) - 'A';
                version[i] = m.group(2);
                hash[i] = HexFormat.of().parseHex(m.group(3));
                seen[i] = true;
            } else if ((m = SLOT_BAD.matcher(l)).matches()) {
                seen[m.group(1).charAt(0) - 'A'] = true;
            } else if ((m = STATE.matcher(l)).matches()) {
                state = m;
            } else if ((m = BOOTED.matcher(l)).matches()) {
                booted = m.group(1);
            }
        }
        if (!seen[0] || !seen[1] || state == null || booted == null) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, "ab_status incomplete: " + abLines(out));
        }
        boolean stateValid = state.group(1).equals("1");
        int stateSlot = state.group(3).charAt(0) - 'A';
        boolean trial = !state.group(4).equals("0");
        List<ImageSlot> list = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (hash[i] == null) {
                continue; // an empty or torn slot holds no image
            }
            boolean named = stateValid && stateSlot == i;
            boolean active = booted.equals(String.valueOf((char) ('A' + i)));
            boolean confirmed = named && !trial;
            list.add(new ImageSlot(0, i, version[i], hash[i], true, named && trial, confirmed, active, confirmed));
        }
        return list;
    }

    @Override
    public synchronized void test(byte[] hash) {
        String want = HexFormat.of().formatHex(hash);
        console.setenv("ab_want", want);
        String out = script("run ab_test");
        if (!out.contains("ab: trial of slot")) {
            throw new DeviceException(DeviceException.Kind.REFUSED, "test: " + abLines(out));
        }
    }

    @Override
    public synchronized void confirm(byte[] hash) {
        String want = HexFormat.of().formatHex(hash);
        awaitBooted();
        console.setenv("ab_want", want);
        String out = script("run ab_confirm");
        if (!out.contains("ab: confirmed slot")) {
            throw new DeviceException(DeviceException.Kind.REFUSED, "confirm: " + abLines(out));
        }
    }

    /** Resets from the console and lets autoboot run: the A/B script decides what boots. */
    @Override
    public synchronized void reset() {
        awaitBooted();
        transcript.accept("> reset");
        console.send("reset");
        phase = Phase.BOOTING;
    }

    @Override
    public synchronized String echo(String text) {
        awaitBooted();
        String out = console.run("echo " + text, scriptTimeout);
        transcript.accept("> echo " + text + "\n< " + out);
        return out;
    }

    @Override
    public void close() {
        console.close();
    }

    /** Update mode: reset and stop autoboot, so no slot runs while the slots are rewritten. */
    private void enterBootloader() {
        if (phase == Phase.BOOTLOADER) {
            return;
        }
        awaitBooted();
        transcript.accept("> reset (stop autoboot: update mode)");
        console.reset(bootTimeout);
        phase = Phase.BOOTLOADER;
    }

    private void awaitBooted() {
        if (phase == Phase.BOOTING) {
            String boot = console.awaitPrompt(BOOT_DONE, bootTimeout);
            transcript.accept("< boot: " + abLines(boot));
            phase = Phase.RUNNING;
        }
    }

    private String script(String command) {
        awaitBooted();
        transcript.accept("> " + command);
        String out = console.run(command, scriptTimeout);
        transcript.accept("< " + abLines(out));
        return out;
    }

    /** The script's own lines ("ab: ...", "boot: ..."), without the U-Boot command chatter. */
    static String abLines(String out) {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("ab: ") || l.startsWith("boot: ") || l.startsWith("Bad ") || l.contains("rror")) {
                b.append(b.length() == 0 ? "" : " | ").append(l);
            }
        }
        return b.length() == 0 ? "(no script output)" : b.toString();
    }
}
