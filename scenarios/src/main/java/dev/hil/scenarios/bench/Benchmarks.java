package dev.hil.scenarios.bench;

import dev.hil.core.rig.RigSpec;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Entry point of {@code hil bench}. */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void run(RigSpec spec, Path library, Path state, long seed, int cases, int baselineCases,
                           int latencySamples, int points, int rigs, String only, PrintWriter out) throws Exception {
        // Sweeps and benchmarks run the UART unpaced: the figures measure the harness, not 115200 baud.
        RigSpec fast = spec.withDevice(spec.device().withBaud(0));
        BenchSetup setup = new BenchSetup(fast, library, state, seed, out);
        CutBench bench = new CutBench(setup);
        out.println("hil bench on rig " + spec.name() + " (UART unlimited), seed " + seed + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        if (only == null || only.equals("throughput")) {
            out.println("[throughput]");
            bench.throughput(cases, baselineCases, rigs);
        }
        if (only == null || only.equals("latency")) {
            out.println("[trigger->SIGKILL latency]");
            new CutLatency(setup).run(latencySamples);
        }
        if (only == null || only.equals("positions")) {
            out.println("[cut and corrupt position error]");
            bench.positions(points);
            new CorruptPositions(setup).run(points);
        }
        if (only == null || only.equals("bench")) {
            out.println("[simulated bench: serial board kind]");
            new SimulatedBenchFigures(setup, Path.of("").toAbsolutePath()).run(Math.min(latencySamples, 200), baselineCases);
        }
        if (only == null || only.equals("overhead")) {
            out.println("[link tap overhead]");
            bench.tapOverhead(20);
        }
        out.flush();
    }
}
