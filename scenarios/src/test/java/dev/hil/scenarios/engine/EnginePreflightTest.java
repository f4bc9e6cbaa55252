package dev.hil.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The engine as Surefire or an IDE runs it makes the same preflight as {@code hil run}: a scenario
 * the rig cannot carry never reaches the device. The rig's device program leaves a mark when it
 * starts, so "no device touched" is seen, not assumed.
 */
class EnginePreflightTest {
    private static final Path LIBRARY_SCENARIO = Path.of("library/power/reset-at-050-percent.yaml").toAbsolutePath();

    @TempDir
    Path tmp;

    /** A suite of its own holding the library's reset scenario (its test images are generated on first use). */
    private Path suite() throws IOException {
        Path suite = Files.createDirectories(tmp.resolve("suite/power"));
        Files.writeString(tmp.resolve("suite/hil-suite.yaml"), "name: reset suite\ntest-images: images\n");
        Files.copy(LIBRARY_SCENARIO, suite.resolve("reset-at-050-percent.yaml"));
        return suite;
    }

    /** A rig with a power pin and no reset line; its "device" marks that it was started. */
    private Path rigWithoutReset() throws IOException {
        return Files.writeString(tmp.resolve("no-reset.yaml"), """
                name: no-reset
                device:
                  kind: process
                  command: [sh, -c, 'touch %s; exec cat']
                  serial: pty
                protocol: smp
                power: {kind: pi4j, provider: mock, pin: 17, active: high}
                keys: {trust: %s}
                budgets: {boot: 2s}
                phases: {swap: "swap: start"}
                """.formatted(started(), tmp.resolve("suite/images/test-signing.pub.pem")));
    }

    private Path started() {
        return tmp.resolve("device-started");
    }

    /** Runs the engine through the JUnit Platform launcher, as Surefire does; returns the tests' results. */
    private Map<String, TestExecutionResult> run(Path rig, DiscoverySelector selector) {
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        var request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines(HilTestEngine.ID))
                .configurationParameter("hil.rig", rig.toString())
                .configurationParameter("hil.results", tmp.resolve("results").toString())
                .configurationParameter("hil.state", tmp.resolve("state").toString())
                .selectors(selector).build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.put(id.getDisplayName(), result);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                results.put(id.getDisplayName(), TestExecutionResult.aborted(new RuntimeException("skipped: " + reason)));
            }
        });
        return results;
    }

    @Test
    void aResetScenarioNamedOnARigWithoutResetLineFailsAsBadInputAndStartsNoDevice() throws IOException {
        Path scenario = suite().resolve("reset-at-050-percent.yaml");
        Map<String, TestExecutionResult> results = run(rigWithoutReset(), selectFile(scenario.toFile()));

        assertThat(results.entrySet()).singleElement().satisfies(e -> {
            assertThat(e.getValue().getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(e.getValue().getThrowable()).get().isInstanceOf(BadInput.class).extracting(Throwable::getMessage)
                    .asString().startsWith(scenario + ":11:5: reset: rig 'no-reset'").contains("has no reset line");
        });
        assertThat(started()).doesNotExist();
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void foundInAFolderTheResetScenarioIsSkippedWithTheReasonAndStartsNoDevice() throws IOException {
        Map<String, TestExecutionResult> results = run(rigWithoutReset(), selectDirectory(suite().toFile()));

        assertThat(results).hasEntrySatisfying("UPD-PWR-RESET-050: Device reset at 50 % of the image upload; the device"
                + " keeps the old image", r -> {
            assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(r.getThrowable()).get().extracting(Throwable::getMessage).asString()
                    .contains("skipped: rig cannot run it").contains("has no reset line");
        });
        assertThat(started()).doesNotExist();
    }
}
