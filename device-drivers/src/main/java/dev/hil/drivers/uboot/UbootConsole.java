package dev.hil.drivers.uboot;

import dev.hil.core.device.DeviceException;
import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.SerialLink;
import dev.hil.drivers.ymodem.TransferProgress;
import dev.hil.drivers.ymodem.YmodemException;
import dev.hil.drivers.ymodem.YmodemFile;
import dev.hil.drivers.ymodem.YmodemSender;
import dev.hil.drivers.ymodem.YmodemTimeouts;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * U-Boot's interactive console over a serial link: stopping autoboot, running commands and reading
 * their output, the environment and {@code crc32}. Every byte the console reads also goes to its
 * {@link ConsoleLog} (a tap on the link), so log triggers see the boot banner and command output.
 * Failures are {@link DeviceException}s: TIMEOUT (no prompt in time), LINK_DOWN (board unpowered),
 * REFUSED (U-Boot answered with an error). Not thread-safe: one command at a time.
 */
public final class UbootConsole implements AutoCloseable {
    /** Printed while U-Boot counts down before running {@code bootcmd}. */
    public static final String AUTOBOOT = "Hit any key to stop autoboot";

    private static final Pattern CRC32 = Pattern.compile("==> ([0-9a-fA-F]{8})\\s*$");
    private static final Pattern TOTAL_SIZE = Pattern.compile("## Total Size\\s*=\\s*0x[0-9a-fA-F]+\\s*=\\s*(\\d+) Bytes");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9_.]+");

    private final SerialLink link;
    private final ConsoleLog log = new ConsoleLog();
    private final Duration commandTimeout;

    /**
     * @param commandTimeout how long the short commands ({@link #printenv}, {@link #setenv},
     *                       {@link #crc32}, ...) may take; long ones go through {@link #run} with
     *                       their own timeout
     */
    public UbootConsole(SerialLink link, Duration commandTimeout) {
        this.link = link;
        this.commandTimeout = commandTimeout;
        link.addTap(log);
    }

    public ConsoleLog log() {
        return log;
    }

    /**
     * Waits for the board to come up, stops the autoboot countdown with a key press and waits for
     * the prompt. A board that reaches the prompt without a countdown (bootcmd failed,
     * bootdelay -1) is accepted too. Returns everything the console printed on the way.
     */
    public String stopAutoboot(Duration timeout) {
        ConsoleReply reply = new ConsoleReply();
        boolean keySent = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (true) {
            if (!keySent && reply.contains(AUTOBOOT)) {
                // U-Boot takes (and consumes) any single byte as "stop"; a space is harmless even
                // if it arrived late and landed on the command line.
                write(" ");
                keySent = true;
            }
            if (reply.atPrompt() && (keySent || !reply.contains(AUTOBOOT))) {
                return reply.toString();
            }
            readSome(reply, buf, deadline, timeout, "the U-Boot prompt after power-on/reset");
        }
    }

    /**
     * Runs one command line and returns its output (without the echo and the prompt).
     *
     * @throws DeviceException TIMEOUT if the prompt does not return within {@code timeout}
     */
    public String run(String command, Duration timeout) {
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one command line only, got " + command.replace("\n", "\\n"));
        }
        try {
            link.discardInput(); // stale bytes would be mistaken for this command's output
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, "U-Boot console: " + e.getMessage(), e);
        }
        write(command + "\r");
        ConsoleReply reply = new ConsoleReply();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        // The echo must be seen first: only then is a prompt the end of this command.
        while (!(reply.contains(command) && reply.atPrompt())) {
            readSome(reply, buf, deadline, timeout, "'" + command + "' to finish");
        }
        return reply.output(command);
    }

    /** The variable's value, or empty if it is not set. */
    public Optional<String> printenv(String name) {
        checkName(name);
        String out = run("printenv " + name, commandTimeout);
        String prefix = name + "=";
        if (out.startsWith(prefix)) {
            return Optional.of(out.substring(prefix.length()));
        }
        if (out.contains("not defined")) {
            return Optional.empty();
        }
        throw new DeviceException(DeviceException.Kind.PROTOCOL, "printenv " + name + ": unexpected answer: " + out);
    }

    /**
     * Sets a variable in the running environment (RAM; {@link #saveenv()} makes it persistent).
     * The value is passed in single quotes so that spaces, '$' and ';' stay literal.
     */
    public void setenv(String name, String value) {
        checkName(name);
        if (value.indexOf('\'') >= 0 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("value for " + name + " may not contain quotes or control characters");
        }
        String out = run("setenv " + name + " '" + value + "'", commandTimeout);
        if (!out.isBlank()) {
            throw new DeviceException(DeviceException.Kind.REFUSED, "setenv " + name + ": " + out);
        }
    }

    /**
     * Writes the environment to its storage. U-Boot ends a good save with "OK" and a bad one with
     * "Failed (n)"; anything but OK is refused, since a silently unsaved environment would make a
     * later boot behave differently than the test assumes.
     */
    public void saveenv() {
        String out = run("saveenv", commandTimeout);
        if (!out.strip().endsWith("OK")) {
            throw new DeviceException(DeviceException.Kind.REFUSED, "saveenv: " + out);
        }
    }

    /** CRC-32 (the zlib one) of {@code length} bytes at guest {@code address}, as U-Boot computes it. */
    public long crc32(long address, long length) {
        String command = String.format("crc32 0x%x 0x%x", address, length);
        return parseCrc32(command, run(command, commandTimeout));
    }

    static long parseCrc32(String command, String output) {
        Matcher m = CRC32.matcher(output.strip());
        if (!m.find()) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, command + ": no CRC in answer: " + output);
        }
        return Long.parseLong(m.group(1), 16);
    }

    /**
     * Reads, sending nothing, until {@code marker} has been printed and the console sits at a
     * prompt after it: the end of a boot that runs {@code bootcmd} (pressing a key would stop it).
     * Returns everything read.
     */
    public String awaitPrompt(String marker, Duration timeout) {
        ConsoleReply reply = new ConsoleReply();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[4096];
        while (!(reply.contains(marker) && reply.atPrompt())) {
            readSome(reply, buf, deadline, timeout, "'" + marker + "' and a prompt");
        }
        return reply.toString();
    }

    /** Types a command line and returns at once (for commands that do not come back, like reset). */
    public void send(String command) {
        if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("one command line only");
        }
        try {
            link.discardInput();
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, "U-Boot console: " + e.getMessage(), e);
        }
        write(command + "\r");
    }

    /**
     * {@code loady ADDRESS}, then sends {@code file} with {@link YmodemSender} on the same link and
     * waits for the prompt. Returns the byte count U-Boot reports ("## Total Size = 0x.. = N Bytes").
     *
     * @throws DeviceException PROTOCOL when the transfer failed (the sender cancelled it with CAN
     *                         CAN, so U-Boot is back at its prompt), LINK_DOWN when the board is gone
     */
    public long loady(long address, YmodemFile file, YmodemTimeouts timeouts, TransferProgress progress) {
        String command = String.format("loady 0x%x", address);
        send(command);
        // The sender waits for U-Boot's 'C' and ignores the echo and "## Ready for binary" before it.
        YmodemSender sender = new YmodemSender(link, timeouts, progress);
        try {
            sender.send(file);
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, command + ": " + e.getMessage(), e);
        } catch (YmodemException e) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, command + ": " + e.getMessage(), e);
        }
        ConsoleReply reply = new ConsoleReply();
        long deadline = System.nanoTime() + commandTimeout.toNanos();
        byte[] buf = new byte[4096];
        while (!(reply.contains("## Total Size") && reply.atPrompt())) {
            readSome(reply, buf, deadline, commandTimeout, "the prompt after " + command);
        }
        Matcher m = TOTAL_SIZE.matcher(reply.toString());
        if (!m.find()) {
            throw new DeviceException(DeviceException.Kind.PROTOCOL, command + ": no size in " + tail(reply.toString()));
        }
        return Long.parseLong(m.group(1));
    }

    /** Resets the board from its console and brings it back to the prompt. */
    public String reset(Duration bootTimeout) {
        try {
            link.discardInput();
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, "U-Boot console: " + e.getMessage(), e);
        }
        write("reset\r");
        return stopAutoboot(bootTimeout);
    }

    /** Detaches the log from the link and emits its unterminated last line; the link stays open. */
    @Override
    public void close() {
        link.removeTap(log);
        log.flush();
    }

    private void write(String text) {
        try {
            link.write(ConsoleReply.bytes(text), ImageSpan.NONE);
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, "U-Boot console: " + e.getMessage(), e);
        }
    }

    private void readSome(ConsoleReply reply, byte[] buf, long deadline, Duration timeout, String waitingFor) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new DeviceException(DeviceException.Kind.TIMEOUT, "no " + waitingFor + " within " + timeout
                    + "; console said: " + tail(reply.toString()));
        }
        int n;
        try {
            n = link.read(buf, Duration.ofNanos(Math.min(left, 100_000_000L)));
        } catch (LinkDownException e) {
            throw new DeviceException(DeviceException.Kind.LINK_DOWN, "U-Boot console while waiting for "
                    + waitingFor + ": " + e.getMessage(), e);
        }
        reply.add(buf, n);
    }

    private static void checkName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a U-Boot variable name: '" + name + "'");
        }
    }

    private static String tail(String s) {
        String t = s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
        return t.replace("\n", "\\n");
    }
}
