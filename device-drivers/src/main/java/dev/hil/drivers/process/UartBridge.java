package dev.hil.drivers.process;

import dev.hil.drivers.serial.PaceClock;
import dev.hil.drivers.serial.PacedPump;
import dev.hil.drivers.serial.PtyPair;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device's UART as the harness sees it, alive exactly as long as the device has power: the
 * {@link PtyPair} whose host end the harness opens, the streams on its device end, and one
 * host→device pump. A reset must not touch any of it (on a board the USB-UART stays up while the
 * CPU is held in reset), so the device program is plugged into the bridge per launch: its stdin
 * is the pump's current sink ({@link #connect}), and with no program connected (held in reset,
 * between launches) what the host sends is read and thrown away, as a CPU in reset reads nothing.
 * Which program gets a chunk is decided when the chunk is read off the wire, so bytes sent during
 * a reset never reach the program launched after it.
 */
final class UartBridge implements AutoCloseable {
    private final PtyPair pty;
    private final FileInputStream fromHost;
    private final FileOutputStream toHost;
    private final PacedPump rx;
    private final Object lock = new Object();
    private OutputStream stdin;    // guarded by lock; the connected program's stdin, null = discard
    private long generation;       // guarded by lock; changes with every connect and disconnect
    private long chunkGeneration;  // pump thread only: generation when the chunk in hand was read
    private volatile long discarded;

    private UartBridge(PtyPair pty, FileInputStream fromHost, FileOutputStream toHost, int baud, PaceClock clock) {
        this.pty = pty;
        this.fromHost = fromHost;
        this.toHost = toHost;
        this.rx = new PacedPump("uart " + pty.hostPath().getParent().getFileName() + " rx", new Wire(),
                new ProgramInput(), baud, clock);
    }

    /** Starts socat and the host→device pump; nothing is connected yet (host bytes are discarded). */
    static UartBridge open(Path hostPort, Path devicePort, int baud, PaceClock clock) throws IOException {
        PtyPair pty = PtyPair.open(hostPort, devicePort);
        FileInputStream in = null;
        try {
            // Raw mode is set on the pty by socat (rawer,echo=0); plain file streams suffice.
            in = new FileInputStream(devicePort.toFile());
            FileOutputStream out = new FileOutputStream(devicePort.toFile());
            UartBridge bridge = new UartBridge(pty, in, out, baud, clock);
            bridge.rx.start();
            return bridge;
        } catch (IOException | RuntimeException e) {
            pty.close();
            if (in != null) {
                in.close();
            }
            throw e;
        }
    }

    /** Where the device's transmit line writes (the program's stdout pump). */
    OutputStream toHost() {
        return toHost;
    }

    /** From now on host bytes go to {@code programStdin}. */
    void connect(OutputStream programStdin) {
        synchronized (lock) {
            stdin = programStdin;
            generation++;
        }
    }

    /** From now on host bytes are read and discarded; a chunk read before this call is dropped too. */
    void disconnect() {
        synchronized (lock) {
            stdin = null;
            generation++;
        }
    }

    /** Host bytes thrown away so far because no program was connected to take them. */
    long discardedBytes() {
        return discarded;
    }

    /** Stops socat (the host port vanishes, the pump ends on the hung-up pty), then the pump and the streams. */
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        ProcessDevice.run(failures, pty::close);
        ProcessDevice.run(failures, rx::close);
        ProcessDevice.run(failures, fromHost::close);
        ProcessDevice.run(failures, toHost::close);
        ProcessDevice.throwIfAny("device UART bridge", failures);
    }

    /** The host→device line: while nothing is connected, what arrives is discarded at once (unpaced). */
    private final class Wire extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            while ((n = read(one, 0, 1)) == 0) {
                // a discarded chunk: read on
            }
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = fromHost.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                synchronized (lock) {
                    if (stdin != null) {
                        chunkGeneration = generation;
                        return n;
                    }
                }
                discarded += n;
            }
        }
    }

    /**
     * The device's receive line: the connected program's stdin, if the chunk was read while that
     * program was connected. A program's stdin failing means the program is gone (killed by a
     * reset or power cut, or crashed): like a dead CPU it takes nothing, and the pump goes on.
     * The write happens outside the lock, so a program that does not read cannot block a reset.
     */
    private final class ProgramInput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            OutputStream target;
            synchronized (lock) {
                target = chunkGeneration == generation ? stdin : null;
            }
            if (target == null) {
                discarded += len;
                return;
            }
            try {
                target.write(b, off, len);
                target.flush(); // Process stdin is buffered; the device must see the bytes now
            } catch (IOException e) {
                discarded += len;
            }
        }
    }
}
