package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The scenario engine run in-process through the JUnit Platform launcher with this module's pom
 * parameters (what Surefire and an IDE do), asked for evidence, seals its results itself: the
 * bundle passes {@code hil evidence verify}, and one changed byte fails it.
 */
class SurefireEvidenceTest {
    @TempDir
    Path tmp;

    @Test
    void anEngineRunAskedForEvidenceWritesABundleThatHilEvidenceVerifyAccepts() throws Exception {
        Path library = HilProcess.ROOT.resolve("scenarios/library/power");
        Path results = tmp.resolve("surefire-allure-results");
        var request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("hil-scenarios"))
                .configurationParameter("hil.rig", HilProcess.ROOT.resolve("rigs/virtual.yaml").toString())
                .configurationParameter("hil.scenarios", library.resolve("clean-update.yaml") + ","
                        + library.resolve("cut-at-050-percent.yaml"))
                .configurationParameter("hil.results", results.toString())
                .configurationParameter("hil.state", tmp.resolve("state").toString())
                .configurationParameter("hil.evidence", "true")
                .configurationParameter("hil.root", HilProcess.ROOT.toString())
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(summary.getSummary().getTotalFailureCount()).isZero();

        HilProcess.Result verify = HilProcess.run(tmp.resolve("verify.log"), 2, "evidence", "verify", results.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();

        Path result = Files.list(results).filter(p -> p.toString().endsWith("-result.json")).findFirst().orElseThrow();
        Files.writeString(result, Files.readString(result).replaceFirst("passed", "failed"));
        HilProcess.Result tampered = HilProcess.run(tmp.resolve("tampered.log"), 2, "evidence", "verify",
                results.toString());
        assertThat(tampered.exit()).as(tampered.output()).isNotZero();
        assertThat(tampered.output()).contains(result.getFileName().toString());
    }
}
