package dev.hil.rigs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The simulated lab bench (rigs/bench-sim) started by scripts/bench-sim.sh in a folder of the
 * test's own, and the bench rig files rewritten to point at it. The harness under test reaches
 * the bench only through the serial board kind: a GPIO folder (or the relay CLI) and a port link.
 */
final class BenchSim implements AutoCloseable {
    static final String PORT = "dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0";

    private final Path dir;
    private final Process process;

    private BenchSim(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static BenchSim start(Path dir) throws IOException, InterruptedException {
        return start(dir, "");
    }

    /** @param benchOptions bench-sim options (BENCH_SIM_OPTS), e.g. --port-stays */
    static BenchSim start(Path dir, String benchOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder("bash", HilProcess.ROOT.resolve("scripts/bench-sim.sh").toString(), dir.toString())
                .directory(HilProcess.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bench-sim.out").toFile());
        pb.environment().put("BENCH_SIM_OPTS", benchOptions);
        Process p = pb.start();
        BenchSim sim = new BenchSim(dir, p);
        sim.await("the bench is ready", Duration.ofSeconds(60), () -> sim.events().contains("sim ready"));
        return sim;
    }

    Path dir() {
        return dir;
    }

    Path gpioValue(int line) {
        return dir.resolve("gpio/gpio" + line + "/value");
    }

    String events() {
        try {
            Path f = dir.resolve("events.log");
            return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    List<String> eventLines() {
        return events().lines().toList();
    }

    /**
     * A copy of a bench rig file ({@code rigs/bench-sim.yaml}...) for this bench: absolute root,
     * this bench's folder, a new name; {@code edits} are pairs of (text, replacement).
     */
    Path rig(Path out, String source, String name, String... edits) throws IOException {
        String rig = Files.readString(HilProcess.ROOT.resolve(source));
        rig = rig.replace("root: ..", "root: " + HilProcess.ROOT).replace("target/bench-sim", dir.toString())
                .replaceFirst("(?m)^name: .*$", "name: " + name);
        for (int i = 0; i + 1 < edits.length; i += 2) {
            String before = rig;
            rig = rig.replace(edits[i], edits[i + 1]);
            if (rig.equals(before)) {
                throw new IllegalStateException(source + " has no '" + edits[i] + "' to change");
            }
        }
        Path file = out.resolve(name + ".yaml");
        Files.writeString(file, rig);
        return file;
    }

    /** The same, with the rig file's power block (from {@code power:} to {@code safe-state:}) replaced. */
    Path rigWithPower(Path out, String source, String name, String powerBlock) throws IOException {
        Path file = rig(out, source, name);
        String rig = Files.readString(file);
        int from = rig.indexOf("\npower:\n") + 1;
        int to = rig.indexOf("safe-state:");
        if (from <= 0 || to < from) {
            throw new IllegalStateException(source + " has no power block before safe-state");
        }
        Files.writeString(file, rig.substring(0, from) + powerBlock + rig.substring(to));
        return file;
    }

    /** Polls with a deadline: a hang guard on a loaded 2-core machine, not a timing check. */
    void await(String what, Duration within, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (!process.isAlive() && !what.startsWith("the bench stops")) {
                throw new AssertionError("the bench exited while waiting for " + what + ": " + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; bench events:\n" + events());
            }
            Thread.sleep(20);
        }
    }

    String output() {
        try {
            return Files.readString(dir.resolve("bench-sim.out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGTERM: the bench powers the board off and removes its port. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
