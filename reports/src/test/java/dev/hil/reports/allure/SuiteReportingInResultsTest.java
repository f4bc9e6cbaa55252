package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.Scenario;
import io.qameta.allure.SeverityLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite's reporting settings in the results: links from URL patterns, severity from risk class, owner. */
class SuiteReportingInResultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path suite;
    @TempDir
    Path results;

    private JsonNode run(Scenario scenario, SuiteReporting reporting) throws IOException {
        AllureRunObserver observer = new AllureRunObserver(results, Map.of(), root -> {
            assertThat(root).isEqualTo(suite.toAbsolutePath().normalize());
            return reporting;
        });
        observer.runStarted("virtual", 1L, Map.of("harness.version", "0.1.0"));
        observer.caseStarted(scenario, "virtual", 1L).finished(Outcome.PASSED, null);
        observer.runFinished();
        try (Stream<Path> s = Files.list(results)) {
            Path file = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).findFirst().orElseThrow();
            return JSON.readTree(file.toFile());
        }
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.get("labels").forEach(l -> {
            if (l.get("name").asText().equals(name)) {
                values.add(l.get("value").asText());
            }
        });
        return values;
    }

    @Test
    void requirementAndRiskIdsBecomeLinksThroughTheSuitePatterns() throws IOException {
        SuiteReporting reporting = new SuiteReporting(Map.of("requirement", "https://req.example/{id}",
                "risk", "https://risk.example/h/{id}?view=full"), Map.of(), "vv-team");
        JsonNode result = run(Scenarios.powerCutAtHalf(suite), reporting);
        List<String> links = new ArrayList<>();
        result.get("links").forEach(l -> links.add(l.get("type").asText() + " " + l.get("name").asText() + " "
                + l.get("url").asText()));
        assertThat(links).containsExactly(
                "requirement SRS-UPD-12 https://req.example/SRS-UPD-12",
                "requirement SRS-UPD-14 https://req.example/SRS-UPD-14",
                "risk HAZ-07 https://risk.example/h/HAZ-07?view=full");
        assertThat(labels(result, "owner")).containsExactly("vv-team");
        assertThat(labels(result, "requirement")).containsExactly("SRS-UPD-12", "SRS-UPD-14");
        assertThat(labels(result, "risk")).containsExactly("HAZ-07");
        assertThat(labels(result, "epic")).containsExactly("Update robustness");
        assertThat(labels(result, "feature")).containsExactly("power");
        assertThat(labels(result, "host")).hasSize(1);
        assertThat(labels(result, "thread")).hasSize(1);
    }

    @Test
    void withoutSettingsThereAreNoLinksNoOwnerAndSeverityIsNormal() throws IOException {
        JsonNode result = run(Scenarios.powerCutAtHalf(suite), SuiteReporting.NONE);
        assertThat(result.get("links")).isEmpty();
        assertThat(labels(result, "owner")).isEmpty();
        assertThat(labels(result, "severity")).containsExactly("normal");
    }

    @Test
    void severityIsThatOfTheMostSevereClassifiedRisk() {
        Scenario base = Scenarios.powerCutAtHalf(suite);
        Scenario twoRisks = new Scenario(base.id(), base.title(), new Scenario.Traceability(
                base.traceability().requirements(), List.of("HAZ-07", "HAZ-09", "HAZ-99")), base.file(),
                base.suiteRoot(), base.given(), base.when(), base.faults(), base.then(), base.parameters());
        SuiteReporting classes = new SuiteReporting(Map.of(), Map.of("HAZ-07", "B", "HAZ-09", "C"), null);
        assertThat(classes.severity(twoRisks)).isEqualTo(SeverityLevel.CRITICAL);
        assertThat(new SuiteReporting(Map.of(), Map.of("HAZ-07", "a"), null).severity(twoRisks))
                .isEqualTo(SeverityLevel.MINOR);
        assertThat(new SuiteReporting(Map.of(), Map.of("HAZ-99", "blocker", "HAZ-09", "C"), null).severity(twoRisks))
                .isEqualTo(SeverityLevel.BLOCKER);
        assertThat(new SuiteReporting(Map.of(), Map.of("HAZ-01", "C"), null).severity(twoRisks))
                .isEqualTo(SeverityLevel.NORMAL);
        assertThat(SuiteReporting.severityOf("D")).isEmpty();
    }

    @Test
    void anIdThatIsNotUrlTextIsEncodedIntoThePattern() {
        Scenario base = Scenarios.powerCutAtHalf(suite);
        Scenario odd = new Scenario(base.id(), base.title(), new Scenario.Traceability(List.of("SRS 1/2#a"), List.of()),
                base.file(), base.suiteRoot(), base.given(), base.when(), base.faults(), base.then(), base.parameters());
        SuiteReporting reporting = new SuiteReporting(Map.of("requirement", "https://req.example/{id}"), Map.of(), null);
        assertThat(reporting.links(odd)).singleElement()
                .satisfies(l -> assertThat(l.getUrl()).isEqualTo("https://req.example/SRS%201%2F2%23a"));
    }

    @Test
    void environmentNamesTheFirmwareVersionsTheCasesUsedFromTheImageHeaders() throws IOException {
        // The test images are generated on first use; make them here (a fresh clone has none yet).
        Path library = dev.hil.core.image.LibraryImages.ensure(suite.resolveSibling("generated-images")).dir();
        Files.createDirectories(suite.resolve("images"));
        Files.copy(library.resolve("app-1.0.0.signed"), suite.resolve("images/app-1.0.0.signed"));
        Files.copy(library.resolve("app-1.1.0.signed"), suite.resolve("images/app-1.1.0.signed"));
        run(Scenarios.powerCutAtHalf(suite), SuiteReporting.NONE);
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(results.resolve(RunEnvironment.FILE_NAME))) {
            env.load(in);
        }
        assertThat(env.getProperty(FirmwareSeen.KEY)).isEqualTo("1.0.0 (app-1.0.0.signed), 1.1.0 (app-1.1.0.signed)");
        assertThat(env.getProperty("harness.version")).isEqualTo("0.1.0");
        assertThat(env.getProperty("java.version")).startsWith(System.getProperty("java.version"));
        assertThat(env.getProperty("os")).contains(System.getProperty("os.name"));
    }
}
