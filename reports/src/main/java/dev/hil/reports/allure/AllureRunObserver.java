package dev.hil.reports.allure;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.RunObserver;
import dev.hil.core.scenario.Scenario;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an Allure 2 results directory for a scenario run (design.md section 7): one result per
 * case, written when the case finishes, plus the run files Allure reads beside them.
 *
 * <p>Thread-safe: the observer holds no per-case state; every {@link #caseStarted} returns its
 * own recorder, so cases running on different threads never share a step stack.
 */
public final class AllureRunObserver implements RunObserver {
    /** Where the CLI puts results unless told otherwise (design.md section 3). */
    public static final Path DEFAULT_RESULTS_DIR = Path.of("target", "allure-results");

    private final Path resultsDir;
    private final AllureResultsWriter writer;
    private final Map<String, String> processEnvironment;

    public AllureRunObserver(Path resultsDir) {
        this(resultsDir, System.getenv());
    }

    /** {@code processEnvironment}: the variables CI sets, read for executor.json (tests pass their own). */
    AllureRunObserver(Path resultsDir, Map<String, String> processEnvironment) {
        this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
        this.writer = new FileSystemResultsWriter(resultsDir);
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    public Path resultsDir() {
        return resultsDir;
    }

    @Override
    public void runStarted(String rigName, long seed, Map<String, String> environment) {
        RunEnvironment.write(resultsDir, environment);
        ExecutorInfo.fromEnvironment(processEnvironment).write(resultsDir);
        // Also here, not only in runFinished: a killed run still gets its failures sorted.
        DefectCategories.write(resultsDir);
    }

    @Override
    public CaseRecorder caseStarted(Scenario scenario, String rigName, long seed) {
        return new AllureCase(ScenarioTestResult.open(scenario, rigName, seed), writer);
    }

    @Override
    public void runFinished() {
        DefectCategories.write(resultsDir);
    }
}
