package dev.hil.scenarios.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.hil.scenarios.engine.HilTestEngine;
import dev.hil.reports.evidence.EvidenceSeal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hil run --rig R PATH...}: checks all input first (exit 2, nothing touched), then runs the
 * scenarios through the JUnit Platform with the scenario engine.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run every scenario file under the PATHs on a rig.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rig", required = true, description = "Rig description file (YAML).")
    Path rig;

    @Option(names = "--results", defaultValue = "target/allure-results", description = "Allure results folder (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--seed", description = "Seed for seeded faults (default: time-based, printed in every result).")
    Long seed;

    @Option(names = "--shard", description = "Run only shard i of n (e.g. 2/4).")
    String shard;

    @Option(names = "--case", paramLabel = "ID", description = "Run only the case with this id, e.g. 'UPD-PWR-SWEEP[transferred=30%%]' (a sweep point); failing cases print the line.")
    String caseId;

    @Option(names = "--state", defaultValue = "target/hil-state", description = "Where rig state (device flash) lives (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = "--evidence", negatable = true, description = "Seal the results as a signed evidence bundle "
            + "(manifest of every file's SHA-256, CMS-signed). On by default in CI (the CI environment variable is set).")
    Boolean evidence;

    @Option(names = "--lab-key", description = "Lab signing key (PEM) for --evidence; default: a TEST-ONLY key pair generated in target/lab-keys.")
    Path labKey;

    @Option(names = "--lab-cert", description = "Lab certificate (PEM) that goes with --lab-key.")
    Path labCert;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or folders.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SuiteInput in = SuiteInput.load(rig, paths);
        if (!in.ok()) {
            in.report(err);
            return 2;
        }
        if (caseId != null && !in.names(caseId)) {
            err.println("hil: --case '" + caseId + "' names no case in " + paths
                    + " (ids are printed by hil validate; a sweep point looks like ID[param=value])");
            return 2;
        }
        if ((labKey == null) != (labCert == null)) {
            err.println("hil: --lab-key and --lab-cert go together");
            return 2;
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines(HilTestEngine.ID))
                .configurationParameter("hil.rig", rig.toString())
                .configurationParameter("hil.results", results.toString())
                .configurationParameter("hil.state", state.toString());
        if (seed != null) {
            request.configurationParameter("hil.seed", seed.toString());
        }
        if (shard != null) {
            request.configurationParameter("hil.shard", shard);
        }
        if (caseId != null) {
            request.configurationParameter("hil.case", caseId);
        }
        for (Path p : paths) {
            DiscoverySelector s = Files.isDirectory(p) ? selectDirectory(p.toFile()) : selectFile(p.toFile());
            request.selectors(s);
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        ProgressLine progress = new ProgressLine(out, System.console() != null);
        launcher.execute(discovery, progress, summary);
        TestExecutionSummary s = summary.getSummary();
        out.printf("%d passed, %d failed, %d skipped%n", s.getTestsSucceededCount(), s.getTestsFailedCount(),
                s.getTestsSkippedCount() + s.getTestsAbortedCount());
        out.println("results: " + results.toAbsolutePath().normalize());
        out.flush();
        if (evidence != null ? evidence : System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
            try {
                EvidenceSeal seal = Evidence.seal(results, rig, in, labKey, labCert);
                out.println("evidence: " + seal.resultFiles() + " result files and " + seal.inputFiles()
                        + " inputs sealed in " + seal.manifest().getParent() + ", signed by " + seal.signer());
            } catch (IOException | RuntimeException e) {
                err.println("hil: could not seal the evidence bundle: " + e.getMessage());
                return 1;
            }
        }
        return s.getTotalFailureCount() > 0 ? 1 : 0;
    }
}
