package dev.hil.scenarios.cli;

import dev.hil.core.rig.RigSpec;
import dev.hil.refdevice.Defect;
import dev.hil.reports.evidence.EvidenceSeal;
import dev.hil.scenarios.engine.RunEvidence;
import dev.hil.scenarios.engine.SuitePreflight;
import dev.hil.scenarios.qualify.CaseOutcome;
import dev.hil.scenarios.qualify.DeviceMode;
import dev.hil.scenarios.qualify.HarnessBuild;
import dev.hil.scenarios.qualify.HarnessSbom;
import dev.hil.scenarios.qualify.LibraryRun;
import dev.hil.scenarios.qualify.ModeRun;
import dev.hil.scenarios.qualify.QualificationReport;
import dev.hil.scenarios.qualify.QualificationRig;
import dev.hil.scenarios.qualify.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hil qualify}: validates the harness for its intended use (21 CFR 820.70(i), IEC 62304,
 * ISO 13485). Runs the virtual library against the reference device once correct (every case must
 * pass: no false alarm) and once per seeded defect of its {@link Defect} enum (the scenario named
 * by ExpectedCatches must fail with its words: caught), then writes a qualification report with
 * the tool's identity, environment and build SBOM, sealed as a signed evidence bundle.
 * Exit 0 qualified, 1 an expectation not met (or the seal failed), 2 bad input.
 */
@Command(name = "qualify", mixinStandardHelpOptions = true, description = "Tool qualification: run the virtual library on the correct and on every"
        + " defective reference device, report expected vs actual, seal the record.")
public final class QualifyCommand implements Callable<Integer> {
    /** The library families the virtual rig runs (the uboot family needs the U-Boot rig). */
    static final List<Path> VIRTUAL_LIBRARY = Stream.of("power", "link", "security", "timing")
            .map(f -> Path.of("scenarios", "library", f)).toList();

    @Spec
    CommandSpec spec;

    @Option(names = "--rig", defaultValue = "rigs/virtual.yaml", description = "The reference virtual rig (default: ${DEFAULT-VALUE}); runs use an unpaced copy.")
    Path rig;

    @Option(names = "--out", defaultValue = "target/qualification", description = "Output folder, one sub-folder per device mode (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--lab-key", description = "Lab signing key (PEM); default: a TEST-ONLY key pair generated in target/lab-keys.")
    Path labKey;

    @Option(names = "--lab-cert", description = "Lab certificate (PEM) that goes with --lab-key.")
    Path labCert;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for seeded faults; fixed so every qualification flips the same bits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallel", defaultValue = "2", description = "Library runs at once; each is a JVM plus a device process (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--sbom", description = "The harness SBOM (CycloneDX JSON); default: bom.json the build writes beside hil.jar.")
    Path sbom;

    @Option(names = "--state", defaultValue = "target/hil-state/qualify", description = "Device flash of the runs, one folder per mode (default: ${DEFAULT-VALUE}).")
    Path state;

    // Narrowing for the harness's own tests: a qualification of part of the library is not a qualification.
    @Option(names = "--defect", hidden = true, paramLabel = "FLAG")
    List<String> onlyDefects;

    @Option(names = "--library", hidden = true, paramLabel = "PATH")
    List<Path> library;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((labKey == null) != (labCert == null)) {
            return bad(err, "--lab-key and --lab-cert go together");
        }
        if (parallel < 1) {
            return bad(err, "--parallel must be at least 1");
        }
        List<DeviceMode> modes = new ArrayList<>(List.of(DeviceMode.CORRECT));
        List<String> unknown = new ArrayList<>();
        for (Defect d : Defect.values()) {
            if (onlyDefects == null || onlyDefects.contains(d.flag())) {
                modes.add(DeviceMode.with(d));
            }
        }
        if (onlyDefects != null) {
            onlyDefects.stream().filter(f -> Defect.byFlag(f).isEmpty()).forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            return bad(err, "unknown defect(s) " + unknown + "; the reference device knows: " + Defect.known());
        }
        List<Path> paths = library != null ? library : VIRTUAL_LIBRARY;
        SuitePreflight in = SuitePreflight.check(java.util.Optional.of(rig), paths);
        if (!in.ok()) {
            return BadInputReport.print(err, in.messages());
        }
        RigSpec rigSpec = in.rig().orElseThrow();
        var notReference = QualificationRig.problem(rigSpec);
        if (notReference.isPresent()) {
            return bad(err, notReference.get());
        }
        HarnessSbom harnessSbom;
        try {
            Path sbomFile = sbom != null ? sbom : HarnessSbom.defaultLocation().orElse(Path.of(HarnessSbom.FILE_NAME));
            harnessSbom = HarnessSbom.read(sbomFile);
        } catch (HarnessSbom.InvalidSbom e) {
            return bad(err, e.getMessage());
        }
        try {
            String refusal = OutputFolder.prepare(out);
            if (refusal != null) {
                return bad(err, refusal);
            }
        } catch (IOException e) {
            return bad(err, "cannot prepare " + out + ": " + e.getMessage());
        }

        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        stdout.printf("qualifying on %s: %d device modes (correct + %d defects), %d at once; results in %s%n",
                rigSpec.name(), modes.size(), modes.size() - 1, parallel, out.toAbsolutePath().normalize());
        stdout.flush();
        List<Verdict> verdicts;
        try {
            verdicts = runAll(rigSpec, modes, paths, stdout);
        } catch (IOException e) {
            err.println("hil: qualification run failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("hil: qualification interrupted");
            return 1;
        }

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("tool", "hil");
        facts.putAll(HarnessBuild.current().facts());
        facts.put("started", started.toString());
        facts.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("rig.name", rigSpec.name());
        facts.put("rig.file", rigSpec.file().toString());
        facts.put("rig.trust.sha256", trustFingerprint(rigSpec));
        facts.put("rig.device.command", String.join(" ", rigSpec.device().command()));
        facts.put("rig.qualification", "an unpaced copy per mode (MODE/rig.yaml, baud unlimited)");
        facts.put("seed", Long.toString(seed));
        facts.put("library", paths.stream().map(QualifyCommand::slashed).collect(Collectors.joining(", ")));
        facts.put("library.cases", Integer.toString(casesOf(out.resolve(DeviceMode.CORRECT.name()).resolve("results"))));
        facts.put("device.defects", Defect.known());
        facts.put("java.version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        facts.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.put("host", io.qameta.allure.util.ResultsUtils.getHostName());
        facts.putAll(harnessSbom.facts());
        QualificationReport report = new QualificationReport(facts, verdicts);
        try {
            harnessSbom.copyInto(out.resolve("sbom"));
            report.writeTo(out);
        } catch (IOException e) {
            err.println("hil: cannot write the qualification report into " + out + ": " + e.getMessage());
            return 1;
        }
        stdout.println(report.outcome());
        stdout.println("report: " + out.resolve(QualificationReport.HTML).toAbsolutePath().normalize());
        try {
            EvidenceSeal seal = RunEvidence.seal(out, Path.of("").toAbsolutePath(), in.inputs(), java.util.Optional.ofNullable(labKey),
                    java.util.Optional.ofNullable(labCert));
            stdout.println("evidence: " + seal.resultFiles() + " files and " + seal.inputFiles()
                    + " inputs sealed in " + seal.manifest().getParent() + ", signed by " + seal.signer());
        } catch (IOException | RuntimeException e) {
            err.println("hil: could not seal the qualification record: " + e.getMessage());
            return 1;
        }
        stdout.flush();
        return report.qualified() ? 0 : 1;
    }

    private List<Verdict> runAll(RigSpec rigSpec, List<DeviceMode> modes, List<Path> paths, PrintWriter stdout)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Verdict>> pending = new ArrayList<>();
            for (DeviceMode mode : modes) {
                Path dir = out.resolve(mode.name());
                Path modeRig = QualificationRig.write(rigSpec, mode, dir);
                pending.add(pool.submit(() -> {
                    ModeRun run = LibraryRun.run(mode, modeRig, dir, state.resolve(mode.name()), seed, paths);
                    Verdict v = Verdict.of(run);
                    synchronized (stdout) {
                        stdout.printf("%-32s %s: %s%n", mode.name(), v.met() ? "met" : "NOT MET", v.actual());
                        stdout.flush();
                    }
                    return v;
                }));
            }
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> f : pending) {
                try {
                    verdicts.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(String.valueOf(cause), cause);
                }
            }
            return verdicts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** SHA-256 of the DER trust key the device checks signatures with. */
    private static String trustFingerprint(RigSpec rigSpec) {
        if (rigSpec.trustKey() == null) {
            return "none";
        }
        try {
            return dev.hil.core.image.TrustKey.load(rigSpec.trustKey()).fingerprint();
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Cases of the correct-device run: the size of the library as it was qualified. */
    private static int casesOf(Path results) {
        try {
            return CaseOutcome.read(results).size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String slashed(Path p) {
        return p.toString().replace('\\', '/');
    }

    private static int bad(PrintWriter err, String message) {
        err.println("hil: " + message);
        err.flush();
        return 2;
    }

    /** The output folder must hold nothing but an earlier qualification, since all of it gets sealed. */
    static final class OutputFolder {
        private OutputFolder() {
        }

        /** Null when ready (created, or an earlier qualification removed); else why it was refused. */
        static String prepare(Path out) throws IOException {
            if (Files.isDirectory(out)) {
                boolean empty;
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                // An earlier qualification, finished (its report) or cut short (its correct-mode rig).
                boolean earlier = Files.isRegularFile(out.resolve(QualificationReport.JSON))
                        || Files.isRegularFile(out.resolve(DeviceMode.CORRECT.name()).resolve("rig.yaml"));
                if (!empty && !earlier) {
                    return "--out " + out + " holds files that are not an earlier qualification; they would be"
                            + " sealed with it. Name an empty or new folder";
                }
                if (!empty) {
                    try (Stream<Path> s = Files.walk(out)) {
                        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                            if (!p.equals(out)) {
                                Files.delete(p);
                            }
                        }
                    }
                }
            } else if (Files.exists(out)) {
                return "--out " + out + " is not a folder";
            }
            Files.createDirectories(out);
            return null;
        }
    }
}
