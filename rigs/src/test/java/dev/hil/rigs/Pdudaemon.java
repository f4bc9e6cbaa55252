package dev.hil.rigs;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pdudaemon (Debian package) on loopback, with one PDU on its {@code localcmdline} driver
 * whose outlets are the simulated bench's relay lines: outlet N runs {@code bench-relay GPIO N on|off}.
 */
final class Pdudaemon implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/pdudaemon");

    private final Process process;
    private final int port;

    private Pdudaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Pdudaemon start(Path dir, BenchSim bench) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String relay = HilProcess.ROOT.resolve("rigs/bench-sim/bench-relay") + " " + bench.dir().resolve("gpio");
        Path conf = dir.resolve("pdudaemon.conf");
        Files.writeString(conf, "{\"daemon\": {\"hostname\": \"127.0.0.1\", \"port\": " + port
                + ", \"logging_level\": \"DEBUG\", \"listener\": \"http\"},\n \"pdus\": {\"bench-pdu\": {\"driver\": \"localcmdline\","
                + " \"cmd_on\": \"" + relay + " %s on\", \"cmd_off\": \"" + relay + " %s off\"}}}\n");
        Process p = new ProcessBuilder(BINARY.toString(), "--conf", conf.toString(), "--logfile",
                dir.resolve("pdudaemon.log").toString(), "--loglevel", "DEBUG")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pdudaemon.out").toFile()).start();
        Pdudaemon d = new Pdudaemon(p, port);
        d.awaitListening();
        return d;
    }

    int port() {
        return port;
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("pdudaemon exited with " + process.exitValue());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode(); // any answer: it listens
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("pdudaemon did not listen on 127.0.0.1:" + port + " within 30 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
