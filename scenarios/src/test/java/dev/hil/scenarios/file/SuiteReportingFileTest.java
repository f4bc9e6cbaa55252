package dev.hil.scenarios.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.reports.allure.SuiteReporting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reporting keys of hil-suite.yaml: read when right, every problem named when wrong. */
class SuiteReportingFileTest {
    @TempDir
    Path suite;

    @Test
    void theLibrarySuiteHasLinkPatternsAndAnOwner() throws Exception {
        SuiteReporting r = SuiteReportingFile.load(Path.of("..", "scenarios", "library").toAbsolutePath().normalize());
        assertThat(r.linkPatterns()).containsOnlyKeys("requirement", "risk");
        assertThat(r.linkPatterns().values()).allMatch(p -> p.contains("{id}"));
        assertThat(r.owner()).isNotBlank();
    }

    @Test
    void readsLinksRiskClassesAndOwner() throws Exception {
        Files.writeString(suite.resolve("hil-suite.yaml"), """
                name: s
                links: {requirement: "https://req.example/{id}"}
                risk-classes: {HAZ-07: C, HAZ-09: minor}
                owner: vv
                """);
        SuiteReporting r = SuiteReportingFile.load(suite);
        assertThat(r).isEqualTo(new SuiteReporting(Map.of("requirement", "https://req.example/{id}"),
                Map.of("HAZ-07", "C", "HAZ-09", "minor"), "vv"));
    }

    @Test
    void aSuiteWithoutMarkerOrKeysHasNoSettings() throws Exception {
        assertThat(SuiteReportingFile.load(suite)).isEqualTo(SuiteReporting.NONE);
        Files.writeString(suite.resolve("hil-suite.yaml"), "name: s\n");
        assertThat(SuiteReportingFile.load(suite)).isEqualTo(SuiteReporting.NONE);
    }

    @Test
    void everyBadKeyIsNamedAndTheWriterFallsBackToNone() throws Exception {
        Files.writeString(suite.resolve("hil-suite.yaml"), """
                links: {requirement: "https://req.example/", issue: "https://x.example/{id}", risk: "file:///{id}"}
                risk-classes: {HAZ-07: D}
                owner: [a, b]
                """);
        assertThatThrownBy(() -> SuiteReportingFile.load(suite)).isInstanceOf(InputError.class)
                .hasMessageContaining("links.requirement: 'https://req.example/' must be an http(s) URL containing {id}")
                .hasMessageContaining("links: unknown kind 'issue'")
                .hasMessageContaining("links.risk: 'file:///{id}'")
                .hasMessageContaining("risk-classes.HAZ-07: 'D' is not a risk class")
                .hasMessageContaining("owner: must be text");
        assertThat(SuiteReportingFile.forRoot(suite)).isEqualTo(SuiteReporting.NONE);
    }
}
