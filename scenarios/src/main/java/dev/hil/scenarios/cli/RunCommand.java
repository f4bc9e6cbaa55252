package dev.hil.scenarios.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import dev.hil.scenarios.engine.HilTestEngine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;
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
 * {@code hil run --rig R PATH...}: a thin launcher over the scenario engine, which makes the whole
 * preflight (bad input: nothing touched) and seals evidence, as it does under Surefire or an IDE.
 * Options become configuration parameters; the outcome becomes exit code 0 / 1 / 2 (bad input).
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
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines(HilTestEngine.ID))
                .configurationParameter("hil.rig", rig.toString())
                .configurationParameter("hil.results", results.toString())
                .configurationParameter("hil.state", state.toString());
        optional(request, "hil.seed", seed);
        optional(request, "hil.shard", shard);
        optional(request, "hil.case", caseId);
        optional(request, "hil.evidence", evidence);
        optional(request, "hil.lab-key", labKey);
        optional(request, "hil.lab-cert", labCert);
        for (Path p : paths) {
            request.selectors(Files.isDirectory(p) ? selectDirectory(p.toFile()) : selectFile(p.toFile()));
        }
        Launcher launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(request.build());
        RunOutcome outcome = new RunOutcome();
        if (RunOutcome.hasBadInput(plan)) {
            launcher.execute(plan, outcome); // the engine fails the bad input and touches no device
            return BadInputReport.print(err, outcome.problems());
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(plan, outcome, new ProgressLine(out, System.console() != null), summary);
        if (outcome.badInput()) {
            // Found only when the rig was opened (a board another harness holds): nothing ran.
            return BadInputReport.print(err, outcome.problems());
        }
        TestExecutionSummary s = summary.getSummary();
        out.printf("%d passed, %d failed, %d skipped%n", s.getTestsSucceededCount(), s.getTestsFailedCount(),
                s.getTestsSkippedCount() + s.getTestsAbortedCount());
        out.println("results: " + results.toAbsolutePath().normalize());
        outcome.evidence().ifPresent(line -> out.println("evidence: " + line));
        out.flush();
        outcome.suiteFailure().ifPresent(m -> err.println("hil: " + m));
        err.flush();
        return s.getTotalFailureCount() > 0 ? 1 : 0;
    }

    private static void optional(LauncherDiscoveryRequestBuilder request, String key, Object value) {
        if (value != null) {
            request.configurationParameter(key, value.toString());
        }
    }
}
