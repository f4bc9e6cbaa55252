package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hil.drivers.virtualdevice.Defect;
import dev.hil.scenarios.qualify.ExpectedCatches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every seeded bug of the reference device (every value of its {@link Defect} enum, not a hand
 * list) makes a library scenario fail, with a message that names the property the device broke.
 * The whole library runs once per defect, so a scenario that stopped catching its bug shows, and
 * a new defect flag without a scenario that catches it fails the build. Which scenario catches
 * which defect is {@link ExpectedCatches}, shared with {@code hil qualify}.
 */
class DefectsAreCaughtTest {
    /**
     * Library runs at once. The defect runs use an unpaced UART (what is checked is what the device
     * does, not 115200-baud transfer times), so each is CPU-bound: one per core.
     * {@code -Dhil.defect.parallel=1} runs them one by one.
     */
    private static final int PARALLEL = Integer.getInteger("hil.defect.parallel", 2);

    @TempDir
    static Path tmp;
    private static ExecutorService pool;
    private static final Map<Defect, Future<Run>> RUNS = new EnumMap<>(Defect.class);

    /** One library run against a device with one defect. */
    record Run(Path results, HilProcess.Result process) {
    }

    @BeforeAll
    static void runTheLibraryOncePerDefect() {
        pool = Executors.newFixedThreadPool(PARALLEL);
        for (Defect d : Defect.values()) {
            RUNS.put(d, pool.submit(() -> {
                Path dir = Files.createDirectories(tmp.resolve(d.flag()));
                Path rig = HilProcess.virtualRigVariant(dir, "virtual-" + d.flag(), true, "--defect", d.flag());
                Path results = dir.resolve("results");
                // A fixed seed: seeded faults (bit flips) damage the same bits on every CI run.
                HilProcess.Result r = HilProcess.run(dir.resolve("run.log"), 30, HilProcess.withLibrary("run",
                        "--rig", rig.toString(), "--seed", "1", "--results", results.toString(),
                        "--state", dir.resolve("state").toString()));
                return new Run(results, r);
            }));
        }
        pool.shutdown();
    }

    @AfterAll
    static void stopRuns() {
        pool.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> everyDefectFailsTheScenarioThatStatesItsProperty() {
        return Arrays.stream(Defect.values()).map(d -> DynamicTest.dynamicTest(d.flag(), () -> check(d)));
    }

    private static void check(Defect defect) throws Exception {
        Run run = RUNS.get(defect).get();
        List<JsonNode> all = AllureResults.read(run.results());
        String failures = all.stream().filter(n -> !n.path("status").asText().equals("passed"))
                .map(n -> "  " + AllureResults.testCaseId(n) + " " + n.path("status").asText() + ": "
                        + n.path("statusDetails").path("message").asText())
                .collect(Collectors.joining("\n"));
        ExpectedCatches.Catch expected = ExpectedCatches.of(defect).orElse(null);
        if (expected == null) {
            fail("defect " + defect.flag() + " is not in ExpectedCatches: add the library scenario that catches it"
                    + " (or write one). Scenarios that did not pass on it:\n"
                    + (failures.isEmpty() ? "  none: nothing in the library catches it" : failures));
        }
        assertThat(run.process().exit()).as("hil run exit code with --defect %s; not passed:%n%s%n%s",
                defect.flag(), failures, run.process().output()).isEqualTo(1);
        JsonNode caught = all.stream().filter(n -> AllureResults.testCaseId(n).equals(expected.scenario()))
                .findFirst().orElseThrow(() -> new AssertionError("no result for " + expected.scenario()
                        + " in the run with --defect " + defect.flag() + " (hil exit " + run.process().exit()
                        + "):\n" + run.process().output()));
        assertThat(caught.path("status").asText()).as("%s with --defect %s; not passed:%n%s",
                expected.scenario(), defect.flag(), failures).isEqualTo("failed");
        assertThat(caught.path("statusDetails").path("message").asText()).contains(expected.message());
    }
}
