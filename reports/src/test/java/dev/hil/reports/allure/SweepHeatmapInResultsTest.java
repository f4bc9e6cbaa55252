package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Recovery;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepHeatmapInResultsTest {
    @TempDir
    Path tmp;

    @Test
    void sweepPointsShareOneContainerWhoseTearDownCarriesTheHeatmap() throws Exception {
        Path results = tmp.resolve("results");
        AllureRunObserver observer = new AllureRunObserver(results, Map.of());
        observer.runStarted("virtual", 7, Map.of());
        Scenario base = Scenarios.powerCutAtHalf(tmp);
        for (String p : List.of("0%", "50%")) {
            CaseRecorder r = observer.caseStarted(base.withPoint("[transferred=" + p + "]", base.faults(),
                    Map.of("transferred", p)), "virtual", 7);
            r.recovery(new Recovery(Recovery.Landing.GIVEN, Duration.ofMillis(300), Duration.ofSeconds(30)));
            r.finished(Outcome.PASSED, null);
        }
        CaseRecorder plain = observer.caseStarted(base, "virtual", 7); // not a sweep point: no heatmap
        plain.finished(Outcome.PASSED, null);
        observer.runFinished();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> containers = new ArrayList<>();
        List<String> pointResults = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith("-container.json")) {
                    containers.add(json.readTree(f.toFile()));
                } else if (name.endsWith("-result.json")) {
                    JsonNode r = json.readTree(f.toFile());
                    if (r.path("testCaseId").asText().contains("[")) {
                        pointResults.add(r.path("uuid").asText());
                    }
                }
            }
        }
        assertThat(containers).hasSize(1);
        JsonNode c = containers.get(0);
        List<String> children = new ArrayList<>();
        c.path("children").forEach(n -> children.add(n.asText()));
        assertThat(children).containsExactlyInAnyOrderElementsOf(pointResults).hasSize(2);
        JsonNode attachment = c.path("afters").get(0).path("attachments").get(0);
        assertThat(attachment.path("type").asText()).isEqualTo("image/svg+xml");
        String svg = Files.readString(results.resolve(attachment.path("source").asText()));
        assertThat(svg).contains("data-point=\"0%\"", "data-point=\"50%\"", "outcome-old");
        assertThat(attachment.path("source").asText()).isEqualTo(AllureRunObserver.heatmapFile(base.id()));
    }
}
