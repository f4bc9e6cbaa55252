package dev.hil.drivers.serial;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals cross-connected by socat, like the two ends of a null-modem cable: bytes
 * written on the {@link #hostPath() host} end come out of the {@link #devicePath() device} end and
 * back. Each end is a symlink to a /dev/pts/N node that only exists while socat runs; closing the
 * pair stops socat so both links vanish, which is what a port on an unpowered board does.
 */
public final class PtyPair implements AutoCloseable {
    /** socat prints this (at -d -d) once both pseudo-terminals exist and it copies between them. */
    private static final String READY = "starting data transfer loop";
    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    private final Path host;
    private final Path device;
    private final Process socat;
    private final Thread stderrReader;
    private final List<String> socatLog = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private boolean closed;

    private PtyPair(Path host, Path device, Process socat) {
        this.host = host;
        this.device = device;
        this.socat = socat;
        this.stderrReader = new Thread(this::drainLog, "socat-log " + host.getFileName());
        this.stderrReader.setDaemon(true);
    }

    /**
     * Starts socat and returns once both links exist. Stale links at those paths (from a killed
     * harness) are removed first.
     *
     * @throws IOException socat is missing, exited, or did not get ready in time
     */
    public static PtyPair open(Path host, Path device) throws IOException {
        Files.deleteIfExists(host);
        Files.deleteIfExists(device);
        // rawer: no line discipline at all (no echo, no CR/LF mapping, no XON/XOFF, no signals),
        // so every byte value crosses unchanged; echo=0 is spelled out because a device echo would
        // corrupt every protocol. -d -d makes socat report when it is ready.
        List<String> cmd = List.of("socat", "-d", "-d",
                "pty,rawer,echo=0,link=" + host.toAbsolutePath(),
                "pty,rawer,echo=0,link=" + device.toAbsolutePath());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IOException("cannot start socat, which bridges the device UART to a pseudo-terminal;"
                    + " install it (Debian/Ubuntu: apt-get install socat): " + e.getMessage(), e);
        }
        PtyPair pair = new PtyPair(host, device, p);
        pair.stderrReader.start();
        try {
            boolean ok = pair.ready.await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!ok || !p.isAlive() || !exists(host) || !exists(device)) {
                String why = !ok ? "within " + READY_WAIT.toSeconds() + " s"
                        : !p.isAlive() ? "(socat exited)" : "(links missing)";
                pair.close();
                throw new IOException("socat did not set up the pseudo-terminal pair " + host + " <-> " + device
                        + " " + why + ": " + String.join(" | ", pair.log()));
            }
        } catch (InterruptedException e) {
            pair.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for socat", e);
        }
        return pair;
    }

    private void drainLog() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(socat.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (this) {
                    socatLog.add(line);
                }
                if (line.contains(READY)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                socatLog.add("(socat log unreadable: " + e.getMessage() + ")");
            }
        } finally {
            ready.countDown(); // socat exited: let open() report it instead of waiting
        }
    }

    private static boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) && Files.exists(p);
    }

    /** The end the harness opens as a serial port (a symlink to /dev/pts/N). */
    public Path hostPath() {
        return host;
    }

    /** The end the device process is bridged to. */
    public Path devicePath() {
        return device;
    }

    public boolean isAlive() {
        return socat.isAlive();
    }

    /** What socat said (for a failure report). */
    public synchronized List<String> log() {
        return List.copyOf(socatLog);
    }

    /**
     * Stops socat (SIGTERM lets it remove its links; SIGKILL if it does not go) and removes any
     * link left behind. Both ends then see a hangup. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
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
        try {
            Files.deleteIfExists(host);
            Files.deleteIfExists(device);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove pseudo-terminal link", e);
        } finally {
            try {
                stderrReader.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
