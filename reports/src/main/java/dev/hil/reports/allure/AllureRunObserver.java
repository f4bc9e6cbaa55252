package dev.hil.reports.allure;

import dev.hil.core.storage.AtomicFile;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.RunObserver;
import dev.hil.core.scenario.Scenario;
import dev.hil.reports.html.TraceabilityMatrix;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.FileSystemResultsWriter;
import dev.hil.reports.sweep.SweepBoard;
import dev.hil.reports.sweep.SweepHeatmap;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.FixtureResult;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.TestResultContainer;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

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
    private final SweepBoard sweeps = new SweepBoard(this::publishSweep);
    /** One container per sweep, rewritten as points finish; its uuid must stay the same. */
    private final Map<String, String> sweepContainers = new ConcurrentHashMap<>();
    private final Function<Path, SuiteReporting> suiteReporting;
    /** Suite root to its reporting settings, read once per suite. */
    private final Map<Path, SuiteReporting> suites = new ConcurrentHashMap<>();
    /** Versions of the images the cases provision and send, for environment.properties. */
    private final Set<String> firmwareSeen = new ConcurrentSkipListSet<>();
    private volatile Map<String, String> runEnvironment = Map.of();
    private volatile long seed;

    public AllureRunObserver(Path resultsDir) {
        this(resultsDir, root -> SuiteReporting.NONE);
    }

    /**
     * {@code suiteReporting}: the reporting settings (link patterns, risk classes, owner) of the
     * suite with the given root folder; the scenarios side reads them from its hil-suite.yaml.
     */
    public AllureRunObserver(Path resultsDir, Function<Path, SuiteReporting> suiteReporting) {
        this(resultsDir, System.getenv(), suiteReporting);
    }

    /** {@code processEnvironment}: the variables CI sets, read for executor.json (tests pass their own). */
    AllureRunObserver(Path resultsDir, Map<String, String> processEnvironment) {
        this(resultsDir, processEnvironment, root -> SuiteReporting.NONE);
    }

    AllureRunObserver(Path resultsDir, Map<String, String> processEnvironment,
                      Function<Path, SuiteReporting> suiteReporting) {
        this.resultsDir = Objects.requireNonNull(resultsDir, "resultsDir");
        this.writer = new FileSystemResultsWriter(resultsDir);
        this.processEnvironment = Map.copyOf(processEnvironment);
        this.suiteReporting = Objects.requireNonNull(suiteReporting, "suiteReporting");
    }

    public Path resultsDir() {
        return resultsDir;
    }

    @Override
    public void runStarted(String rigName, long seed, Map<String, String> environment) {
        this.seed = seed;
        this.runEnvironment = new LinkedHashMap<>(environment);
        RunEnvironment.write(resultsDir, environment);
        ExecutorInfo.fromEnvironment(processEnvironment).write(resultsDir);
        // Also here, not only in runFinished: a killed run still gets its failures sorted.
        DefectCategories.write(resultsDir);
    }

    @Override
    public CaseRecorder caseStarted(Scenario scenario, String rigName, long seed) {
        SuiteReporting reporting = suites.computeIfAbsent(scenario.suiteRoot().toAbsolutePath().normalize(),
                suiteReporting);
        firmwareSeen.addAll(FirmwareSeen.versions(scenario));
        AllureCase c = new AllureCase(ScenarioTestResult.open(scenario, rigName, seed, reporting), writer);
        this.seed = seed;
        return sweeps.track(scenario, c.uuid(), c);
    }

    /** The results-dir file name of a sweep's heatmap (also the Allure attachment source). */
    public static String heatmapFile(String sweepId) {
        return "sweep-" + sweepId + "-heatmap-attachment.svg";
    }

    /**
     * Writes the sweep's heatmap into the results dir and a container whose tear-down fixture
     * carries it, so Allure shows the heatmap on every point's page (a synthetic result would
     * add a test to the counts that was never run).
     */
    private void publishSweep(SweepBoard.Summary sweep) {
        String svg = SweepHeatmap.render(sweep.id() + ": " + sweep.title() + " (seed " + seed + ")",
                sweep.parameter(), sweep.points());
        String source = heatmapFile(sweep.id());
        // Rewritten after every point: the plain results writer refuses to replace a file.
        AtomicFile.write(resultsDir.resolve(source), svg.getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis();
        FixtureResult heatmap = new FixtureResult()
                .setName("sweep heatmap: " + sweep.id() + " over " + sweep.parameter())
                .setStatus(io.qameta.allure.model.Status.PASSED).setStage(Stage.FINISHED).setStart(now).setStop(now)
                .setAttachments(List.of(new Attachment().setName("sweep heatmap " + sweep.id())
                        .setType("image/svg+xml").setSource(source)));
        writer.write(new TestResultContainer()
                .setUuid(sweepContainers.computeIfAbsent(sweep.id(), id -> UUID.randomUUID().toString()))
                .setName(sweep.id() + " sweep")
                .setChildren(new ArrayList<>(sweep.resultIds()))
                .setAfters(List.of(heatmap))
                .setStart(now).setStop(now));
    }

    @Override
    public void runFinished() {
        DefectCategories.write(resultsDir);
        // Rewritten now that the cases have named their images (runStarted cannot know them).
        Map<String, String> environment = new LinkedHashMap<>(runEnvironment);
        environment.putIfAbsent(FirmwareSeen.KEY, String.join(", ", firmwareSeen));
        RunEnvironment.write(resultsDir, environment);
        // Before any evidence sealing (which follows the run), so the matrix is part of the sealed record.
        try {
            TraceabilityMatrix.fromResults(resultsDir).writeTo(resultsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the traceability matrix in " + resultsDir, e);
        }
    }
}
