package dev.hil.benchsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench simulator as a real process, for the tests: bench-sim.jar running the reference device
 * jar, in a temporary folder, with a P-256 trust key made here (the device only needs a public key
 * to start). Waits are polling loops with a generous deadline, never timed assertions.
 */
final class Sim implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final int POWER = 17;
    static final int RESET = 27;
    static final int BOOT_MODE = 22;
    private static final Pattern DEVICE_START = Pattern.compile("device start pid=(\\d+)");

    final Path dir;
    final Path gpio;
    final Path link;
    final Path events;
    final Path deviceLog;
    final Process process;

    private Sim(Path dir, Process process) {
        this.dir = dir;
        this.gpio = dir.resolve("gpio");
        this.link = dir.resolve("dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0");
        this.events = dir.resolve("events");
        this.deviceLog = dir.resolve("device.log");
        this.process = process;
    }

    static Path jar(String property) {
        Path p = Path.of(System.getProperty(property, "(system property " + property + " not set)"));
        assertThat(p).as("built by mvn install -DskipTests (" + property + ")").isRegularFile();
        return p;
    }

    /**
     * The sim's command line: its classes with its main class, which is what bench-sim.jar runs
     * (no dependencies); the jar itself is made only at package, after these tests.
     */
    static List<String> simCommand() {
        Path classes = Path.of(System.getProperty("bench.sim.classes", "target/classes"));
        assertThat(classes.resolve("dev/hil/benchsim/BenchSimMain.class")).as("compiled sim classes").isRegularFile();
        return List.of(java(), "-cp", classes.toString(), BenchSimMain.class.getName());
    }

    /** Starts the sim with power, reset and boot-mode lines (defaults: power active high, the others low). */
    static Sim start(Path dir, String... extra) throws Exception {
        Path key = trustKey(dir.resolve("trust.pub.pem"));
        return start(dir, List.of(java(), "-jar", jar("bench.device.jar").toString(),
                "--state", dir.resolve("state").toString(), "--trust", key.toString()), extra);
    }

    /** Starts the sim around any device command. */
    static Sim start(Path dir, List<String> device, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(simCommand());
        cmd.addAll(List.of("--gpio", dir.resolve("gpio").toString(),
                "--port-link", dir.resolve("dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0").toString(),
                "--events", dir.resolve("events").toString(),
                "--device-log", dir.resolve("device.log").toString(),
                "--power-line", String.valueOf(POWER), "--reset-line", String.valueOf(RESET),
                "--boot-mode-line", String.valueOf(BOOT_MODE)));
        cmd.addAll(List.of(extra));
        cmd.add("--");
        cmd.addAll(device);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sim.out").toFile()).start();
        Sim sim = new Sim(dir, p);
        sim.await("the sim is ready", () -> sim.eventLines().stream().anyMatch(l -> l.endsWith(" sim ready")));
        return sim;
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static Path trustKey(Path pem) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(g.generateKeyPair().getPublic().getEncoded());
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
        return pem;
    }

    /** Writes a level as Pi4J's linuxfs provider does (Files.writeString: truncate, then write). */
    void write(int line, int level) throws IOException {
        Files.writeString(gpio.resolve("gpio" + line).resolve("value"), String.valueOf(level));
    }

    List<String> eventLines() {
        return lines(events);
    }

    List<String> deviceLogLines() {
        return lines(deviceLog);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String eventSuffix) {
        return eventLines().stream().filter(l -> l.substring(l.indexOf(' ') + 1).startsWith(eventSuffix)).count();
    }

    /** The pids of every device start so far, in order. */
    List<Long> devicePids() {
        List<Long> pids = new ArrayList<>();
        for (String l : eventLines()) {
            Matcher m = DEVICE_START.matcher(l);
            if (m.find()) {
                pids.add(Long.parseLong(m.group(1)));
            }
        }
        return pids;
    }

    /** Where the port link points, if it exists and resolves to an existing node. */
    Optional<Path> port() {
        try {
            if (Files.isSymbolicLink(link)) {
                Path target = Files.readSymbolicLink(link);
                return Files.exists(target) ? Optional.of(target) : Optional.empty();
            }
        } catch (IOException e) {
            // vanished between the two calls
        }
        return Optional.empty();
    }

    boolean linkExists() {
        return Files.exists(link, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    void await(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what
                        + "\nevents:\n" + String.join("\n", eventLines())
                        + "\ndevice log:\n" + String.join("\n", deviceLogLines()) + "\nsim output:\n"
                        + String.join("\n", lines(dir.resolve("sim.out"))));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Power on and wait until the device has logged "device: ready" {@code readyCount} times in all. */
    void awaitReady(int readyCount) {
        await("device ready #" + readyCount, () -> deviceLogLines().stream()
                .filter(l -> l.startsWith("device: ready")).count() >= readyCount);
    }

    /** SIGTERM, and the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the sim did not exit on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        List<Long> pids = devicePids();
        if (process.isAlive()) {
            terminate();
        }
        // Never leave a device behind, whatever the test did.
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
