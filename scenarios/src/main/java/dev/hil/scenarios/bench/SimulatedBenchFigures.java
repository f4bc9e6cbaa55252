package dev.hil.scenarios.bench;

import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.scenarios.engine.RigFactory;
import dev.hil.scenarios.file.RigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code hil bench --only bench}: the serial board kind on the simulated bench (rigs/bench-sim),
 * which it starts itself. Trigger→line-change latency as the bench observes it (the harness's
 * {@code System.nanoTime()} at the cut call against the bench's at the moment it saw the line
 * change, one clock on one machine) for the linuxfs and command drivers, with a bare write of the
 * line's value file as the baseline; the port's re-enumeration time; cases/min on the bench vs the
 * process rig.
 */
final class SimulatedBenchFigures {
    private static final String PORT_LINK = "dev/serial/by-id/usb-HIL_Bench-Sim_0001-if00-port0";

    private final BenchSetup setup;
    private final Path root;

    SimulatedBenchFigures(BenchSetup setup, Path root) {
        this.setup = setup;
        this.root = root;
    }

    void run(int samples, int cases) throws Exception {
        Path dir = setup.state().resolve("bench-sim");
        deleteTree(dir); // an events file of an earlier run would answer "sim ready" at once
        Files.createDirectories(dir);
        Process sim = new ProcessBuilder("bash", root.resolve("scripts/bench-sim.sh").toString(), dir.toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("bench-sim.out").toFile())
                .start();
        try {
            awaitEvent(dir, "sim ready", 0, 60_000);
            double bare = bareWrite(dir, samples);
            double linuxfs = latency(dir, rig(dir, "rigs/bench-sim.yaml", "bench-linuxfs"), samples, "linuxfs");
            double command = latency(dir, rig(dir, "rigs/bench-sim-command.yaml", "bench-command"), samples, "command");
            setup.out().printf("  ratio p99 linuxfs/bare write: %.2f, command/bare write: %.2f%n", linuxfs / bare, command / bare);
            CutBench bench = new CutBench(setup);
            double onBench = bench.parallel(rig(dir, "rigs/bench-sim.yaml", "bench-cases"), 1, cases,
                    "clean-update cases on the simulated bench", (i, r) -> bench.scenario("BENCH-SIM-" + i, List.of(), ImageRole.UPDATE));
            double onProcess = bench.parallel(setup.spec().withProvision(dev.hil.core.rig.ProvisionSpec.ERASE), 1, cases,
                    "clean-update cases on the process rig (baseline)", (i, r) -> bench.scenario("BENCH-PROC-" + i, List.of(), ImageRole.UPDATE));
            setup.out().printf("  ratio simulated bench/process rig cases per minute: %.2f%n", onBench / onProcess);
        } finally {
            sim.destroy();
            if (!sim.waitFor(30, TimeUnit.SECONDS)) {
                sim.destroyForcibly();
            }
        }
    }

    /** The baseline: the line's value file written directly, as the bench sees it. */
    private double bareWrite(Path dir, int samples) throws Exception {
        Path value = dir.resolve("gpio/gpio17/value");
        double[] lat = new double[samples];
        for (int i = 0; i < samples; i++) {
            long on = System.nanoTime(); // before the write: the bench may see it before this thread runs on
            Files.writeString(value, "1\n");
            awaitEvent(dir, "line power 1", on, 5_000);
            Thread.sleep(30);
            long t0 = System.nanoTime();
            Files.writeString(value, "0\n");
            lat[i] = (awaitEvent(dir, "line power 0", t0, 5_000) - t0) / 1e6;
            Thread.sleep(30);
        }
        return report("bare write of the value file (baseline)", lat);
    }

    private double latency(Path dir, RigSpec spec, int samples, String driver) throws Exception {
        double[] lat = new double[samples];
        List<Long> portBack = new ArrayList<>();
        List<Long> driverCall = new ArrayList<>();
        try (Rig rig = RigFactory.open(spec, setup.state().resolve("latency-" + driver));
             AutoCloseable ignored = rig.onBenchEvent(e -> {
                 if (e instanceof TimelineEvent.PortReturned p) {
                     portBack.add(p.waited().toNanos());
                 } else if (e instanceof TimelineEvent.LineSwitched l && l.line().equals("supply") && !l.active()) {
                     driverCall.add(l.took().toNanos());
                 }
             })) {
            for (int i = 0; i < samples; i++) {
                rig.power().on();
                long t0 = System.nanoTime(); // where a trigger would call the cut
                rig.power().off();
                lat[i] = (awaitEvent(dir, "line power 0", t0, 5_000) - t0) / 1e6;
                // Off for a while, as a cut is: the old port node must be gone before the next power-on.
                awaitEvent(dir, "port down", t0, 5_000);
                Thread.sleep(20);
            }
        }
        double p99 = report(driver + " driver: trigger->line change as the bench saw it", lat);
        report(driver + " driver: the cut call itself (until the driver returned)",
                driverCall.stream().mapToDouble(n -> n / 1e6).toArray());
        double[] back = portBack.stream().mapToDouble(n -> n / 1e6).toArray();
        Percentiles p = Percentiles.of(back);
        setup.out().printf("  %s: port back after power-on (re-enumeration) p50 %.1f ms, p99 %.1f ms over %d%n", driver,
                p.at(50), p.at(99), back.length);
        return p99;
    }

    private double report(String what, double[] millis) {
        Percentiles p = Percentiles.of(millis);
        setup.out().printf("  %s: p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d%n", what, p.at(50), p.at(99),
                p.at(100), millis.length);
        setup.out().flush();
        return p.at(99);
    }

    /** The bench's timestamp of the first event containing {@code text} stamped after {@code after}. */
    private static long awaitEvent(Path dir, String text, long after, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Path events = dir.resolve("events.log");
        while (System.nanoTime() < deadline) {
            if (Files.exists(events)) {
                for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
                    int sp = line.indexOf(' ');
                    if (sp > 0 && line.contains(text)) {
                        long at = Long.parseLong(line.substring(0, sp));
                        if (at > after) {
                            return at;
                        }
                    }
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("the bench logged no '" + text + "' within " + timeoutMillis + " ms");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A bench rig file pointed at this bench's folder. */
    private RigSpec rig(Path dir, String file, String name) throws Exception {
        String text = Files.readString(root.resolve(file)).replace("root: ..", "root: " + root)
                .replace("target/bench-sim", dir.toString()).replaceFirst("(?m)^name: .*$", "name: " + name);
        Path out = dir.resolve(name + ".yaml");
        Files.writeString(out, text);
        return RigFiles.load(out);
    }
}
