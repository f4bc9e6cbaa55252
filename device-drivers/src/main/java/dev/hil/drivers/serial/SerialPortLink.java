package dev.hil.drivers.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.TappedLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port through jSerialComm: a real USB-UART ({@code /dev/ttyUSB0}) or the host end of a
 * {@link PtyPair}. The port is treated like an on-board USB-UART powered by the device: while the
 * device is off the port node does not exist, and both {@link #write} and {@link #read} throw
 * {@link LinkDownException} (reads do not quietly return 0, so a protocol waiting for an answer
 * learns at once that the device lost power). After power returns the next use reopens the port.
 *
 * <p>jSerialComm on pseudo-terminals (checked with socat, jSerialComm 2.11.2):
 * {@code SerialPort.getCommPort} resolves a symlink to its /dev/pts/N target when the object is
 * made, and each power cycle gets a new N, so a fresh {@code SerialPort} is made for every open;
 * for a missing path it throws (with a mangled "/dev/NAME" in the message), so existence is
 * checked first. After the far end goes away a read returns -1 and a write returns 0 (not -1),
 * while {@code isOpen()} stays true; short writes are therefore failures here.
 */
public final class SerialPortLink extends TappedLink {
    /** Rate set on the port when the rig asks for unpaced (baud 0); a PTY ignores it anyway. */
    private static final int UNPACED_PORT_BAUD = 115_200;

    private final Path path;
    private final int baud;
    private final int parity;
    private final int flowControl;
    private final Object lock = new Object();
    private SerialPort port;        // guarded by lock; null while closed
    private int portEpoch;          // power epoch the open port belongs to
    private int readTimeoutMs = -1; // guarded by lock; what the open port is configured with
    private volatile int powerEpoch;
    private volatile boolean powered = true;
    private volatile boolean closed;

    public SerialPortLink(Path path, int baud) {
        this(path, baud, "none", "none");
    }

    /**
     * @param parity      none, even or odd
     * @param flowControl none, rts-cts or xon-xoff
     */
    public SerialPortLink(Path path, int baud, String parity, String flowControl) {
        if (baud < 0) {
            throw new IllegalArgumentException("baud must be >= 0, got " + baud);
        }
        this.path = path;
        this.baud = baud;
        this.parity = switch (parity) {
            case "none" -> SerialPort.NO_PARITY;
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            default -> throw new IllegalArgumentException("unknown parity '" + parity + "' (none, even, odd)");
        };
        this.flowControl = switch (flowControl) {
            case "none" -> SerialPort.FLOW_CONTROL_DISABLED;
            case "rts-cts" -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case "xon-xoff" -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
            default -> throw new IllegalArgumentException("unknown flow control '" + flowControl
                    + "' (none, rts-cts, xon-xoff)");
        };
    }

    public Path path() {
        return path;
    }

    /**
     * The device is about to lose power: from now on reads and writes throw
     * {@link LinkDownException}, so a write racing with the cut fails instead of landing on a
     * half-dead port. A write already inside the OS either completed or fails with the port.
     */
    public void markDown() {
        powered = false;
        powerEpoch++; // the port open now belongs to the old power cycle
    }

    /** The device has power again; the next read or write opens the port. */
    public void markUp() {
        powered = true;
    }

    /** Whether a port is open right now (it opens lazily, so false is normal before first use). */
    public boolean isOpen() {
        synchronized (lock) {
            return port != null;
        }
    }

    /** Returns once the OS has accepted every byte (write(2) returned for all of them). */
    @Override
    protected void writeRaw(byte[] data, int off, int len) {
        SerialPort p = openPort(-1);
        int done = 0;
        while (done < len) {
            int n = p.writeBytes(data, len - done, off + done);
            if (n <= 0) {
                drop(p);
                throw new LinkDownException(path + ": write failed after " + done + " of " + len
                        + " bytes (errno " + p.getLastErrorCode() + "): port gone, device unpowered?");
            }
            done += n;
        }
    }

    @Override
    protected int readRaw(byte[] buf, Duration timeout) {
        long ms = Math.max(0, timeout.toMillis());
        if (ms == 0 && !timeout.isZero() && !timeout.isNegative()) {
            ms = 1; // sub-millisecond waits round up, not to "don't wait"
        }
        SerialPort p = openPort((int) Math.min(Integer.MAX_VALUE, ms));
        int n = p.readBytes(buf, buf.length);
        if (n < 0) {
            drop(p);
            throw new LinkDownException(path + ": read failed (errno " + p.getLastErrorCode()
                    + "): port gone, device unpowered?");
        }
        if (n == 0 && !powered) {
            throw new LinkDownException(path + ": device lost power while reading");
        }
        return n;
    }

    @Override
    public void discardInput() {
        byte[] sink = new byte[4096];
        // Through read() so that taps (the transcript) still see what was thrown away.
        while (read(sink, Duration.ZERO) > 0) {
            // keep draining
        }
    }

    private SerialPort openPort(int readTimeoutMs) {
        synchronized (lock) {
            if (closed) {
                throw new LinkDownException(path + ": link closed");
            }
            if (!powered) {
                throw new LinkDownException(path + ": device is unpowered");
            }
            if (port != null && portEpoch != powerEpoch) {
                // Still points at the /dev/pts/N of the last power cycle. Closed before the new
                // open: jSerialComm refuses a second open of a port it still holds.
                port.closePort();
                port = null;
            }
            if (port == null) {
                port = openFresh();
                portEpoch = powerEpoch;
                this.readTimeoutMs = -1;
            }
            if (readTimeoutMs >= 0 && readTimeoutMs != this.readTimeoutMs) {
                int mode = (readTimeoutMs == 0 ? SerialPort.TIMEOUT_NONBLOCKING : SerialPort.TIMEOUT_READ_SEMI_BLOCKING)
                        | SerialPort.TIMEOUT_WRITE_BLOCKING;
                port.setComPortTimeouts(mode, readTimeoutMs, 0);
                this.readTimeoutMs = readTimeoutMs;
            }
            return port;
        }
    }

    private SerialPort openFresh() {
        if (!Files.exists(path)) {
            throw new LinkDownException(path + " does not exist: device unpowered or unplugged");
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path.toString());
        } catch (SerialPortInvalidPortException e) {
            throw new LinkDownException(path + " vanished while opening: device unpowered or unplugged", e);
        }
        p.setComPortParameters(baud == 0 ? UNPACED_PORT_BAUD : baud, 8, SerialPort.ONE_STOP_BIT, parity);
        p.setFlowControl(flowControl);
        // Write timeout 0 = block until all is written; a power cut ends a blocked write with EIO.
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        // No safety sleep: that is for boards that reset when DTR toggles; ours are powered separately.
        if (!p.openPort(0)) {
            throw new LinkDownException(path + ": cannot open (errno " + p.getLastErrorCode()
                    + " at native line " + p.getLastErrorLocation() + ")");
        }
        return p;
    }

    /** Forgets a port that failed so the next use opens it afresh (the device may be back). */
    private void drop(SerialPort failed) {
        synchronized (lock) {
            if (port == failed) {
                port = null;
            }
        }
        failed.closePort();
    }

    /** Closes the port; later reads and writes throw {@link LinkDownException}. Idempotent. */
    @Override
    public void close() {
        SerialPort p;
        synchronized (lock) {
            closed = true;
            p = port;
            port = null;
        }
        if (p != null) {
            p.closePort();
        }
    }
}
