package dev.hil.scenarios.cli;

import dev.hil.core.rig.RigSpec;
import dev.hil.scenarios.bench.Benchmarks;
import dev.hil.scenarios.file.InputError;
import dev.hil.scenarios.file.RigFiles;
import dev.hil.scenarios.file.SuiteTestImages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hil bench}: benchmark figures as ratios against baselines measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Power-cut benchmark on a process rig (figures with same-run baselines).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", defaultValue = "rigs/virtual.yaml", description = "Process rig to measure (default: ${DEFAULT-VALUE}); its UART runs unlimited here.")
    Path rig;

    @Option(names = "--library", defaultValue = "scenarios/library", description = "Suite whose test images are used (default: ${DEFAULT-VALUE}).")
    Path library;

    @Option(names = "--cases", defaultValue = "40", description = "Power-cut cases for the throughput figure (default: ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--baseline-cases", defaultValue = "10", description = "Clean-update cases for its baseline (default: ${DEFAULT-VALUE}).")
    int baselineCases;

    @Option(names = "--latency-samples", defaultValue = "100", description = "Real cuts for the latency figure (default: ${DEFAULT-VALUE}).")
    int latencySamples;

    @Option(names = "--points", defaultValue = "10000", description = "Random cut points for the position error (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--rigs", defaultValue = "2", description = "Virtual rigs run at once for the throughput figure (default: ${DEFAULT-VALUE}).")
    int rigs;

    @Option(names = "--only", description = "Run one part: throughput, latency, positions, bench (the simulated bench, started here) or overhead.")
    String only;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the random cut points (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--state", defaultValue = "target/hil-bench-state", description = "Rig state folder (default: ${DEFAULT-VALUE}).")
    Path state;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RigSpec rigSpec;
        try {
            SuiteTestImages.ensureFor(List.of(library));
            rigSpec = RigFiles.load(rig);
        } catch (InputError e) {
            e.all().forEach(p -> err.println(p.getMessage()));
            return 2;
        }
        Benchmarks.run(rigSpec, library.toAbsolutePath().normalize(), state.toAbsolutePath(), seed, cases,
                baselineCases, latencySamples, points, rigs, only, out);
        return 0;
    }
}
