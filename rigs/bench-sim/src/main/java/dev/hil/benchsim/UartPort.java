package dev.hil.benchsim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The board's USB-UART: one pseudo-terminal made by socat ({@code PTY,rawer,echo=0 STDIO}), whose
 * other side is socat's stdin/stdout, piped to this process. Host bytes come out of socat's stdout
 * into a {@link Sink}; the device's bytes go into socat's stdin. socat exits when its stdin ends, so
 * it dies with the sim even if the sim is SIGKILLed. rawer: no echo, no CR/LF mapping, no XON/XOFF,
 * so every byte crosses unchanged. The sim makes the public symlink itself ({@link PortLink}).
 */
final class UartPort implements AutoCloseable {
    /** Where host bytes go. Called on the port's reader thread. */
    interface Sink {
        void received(byte[] b, int n);
    }

    private static final Pattern PTY_IS = Pattern.compile("PTY is (/dev/pts/\\d+)");
    private static final String READY = "starting data transfer loop";

    private final Process socat;
    private final List<String> said = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Path pts;

    private UartPort(Process socat) {
        this.socat = socat;
    }

    /** Starts socat and returns once its pseudo-terminal exists and it copies data. */
    static UartPort open(Sink sink) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("socat", "-d", "-d", "PTY,rawer,echo=0", "STDIO").start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (Debian: apt-get install socat): " + e.getMessage(), e);
        }
        UartPort port = new UartPort(p);
        daemon("socat-log", port::readLog);
        try {
            if (!port.ready.await(10, TimeUnit.SECONDS) || port.pts == null || !p.isAlive()) {
                port.close();
                throw new IOException("socat did not make a pseudo-terminal: " + String.join(" | ", port.said()));
            }
        } catch (InterruptedException e) {
            port.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting socat", e);
        }
        daemon("uart-rx " + port.pts, () -> port.pump(sink));
        return port;
    }

    /** The /dev/pts/N node the host opens (through the by-id link). */
    Path pts() {
        return pts;
    }

    /** The device's transmit line. */
    OutputStream toHost() {
        return socat.getOutputStream();
    }

    private void pump(Sink sink) {
        InputStream in = socat.getInputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                sink.received(buf, n);
            }
        } catch (IOException e) {
            // socat gone: the port is closed
        }
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(socat.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (said) {
                    said.add(line);
                }
                Matcher m = PTY_IS.matcher(line);
                if (m.find()) {
                    pts = Path.of(m.group(1));
                }
                if (line.contains(READY)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // socat exited
        } finally {
            ready.countDown();
        }
    }

    private List<String> said() {
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    /** Stops socat: the pseudo-terminal goes away and a host holding it open sees a hangup. */
    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            socat.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }
}
