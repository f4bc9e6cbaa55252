package dev.hil.reports.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.reports.allure.AllureRunObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Allure recorder turns the runner's timeline hand-over into a timeline.svg attachment. */
class TimelineAttachmentTest {
    @TempDir
    Path dir;

    @Test
    void allureResultCarriesTheSvgDrawnWithTheDeviceLogFromTheTimeline() throws Exception {
        Path results = dir.resolve("results");
        CaseRecorder r = new AllureRunObserver(results).caseStarted(scenario(), "virtual", 1);
        Timeline t = new Timeline();
        t.record(new TimelineEvent.StepStarted("provision"));
        t.record(new TimelineEvent.PowerChanged(true, "flash erased"));
        t.record(new TimelineEvent.DeviceLogged("boot: slot 0 <ok>"));
        t.record(new TimelineEvent.Verdict(Status.PASSED, null, null));
        r.timeline(t);
        r.finished(Outcome.PASSED, null);

        JsonNode result;
        try (Stream<Path> files = Files.list(results)) {
            Path file = files.filter(p -> p.toString().endsWith("-result.json")).findFirst().orElseThrow();
            result = new ObjectMapper().readTree(file.toFile());
        }
        JsonNode svg = null;
        for (JsonNode a : result.path("attachments")) {
            if (a.path("name").asText().equals("timeline.svg")) {
                svg = a;
            }
        }
        assertThat(svg).as("timeline.svg attachment").isNotNull();
        assertThat(svg.path("type").asText()).isEqualTo("image/svg+xml");
        assertThat(svg.path("source").asText()).endsWith(".svg");
        String content = Files.readString(results.resolve(svg.path("source").asText()));
        assertThat(content).startsWith("<?xml").contains("boot: slot 0 &lt;ok&gt;").contains("UPD-T-1: timeline");
        assertThat(result.path("labels").findValuesAsText("value")).contains("SRS-T-1");
    }

    private Scenario scenario() {
        Path file = dir.resolve("suite/power/t.yaml");
        return new Scenario("UPD-T-1", "timeline", new Scenario.Traceability(List.of("SRS-T-1"), List.of()), file,
                dir.resolve("suite"), new Scenario.Given(dir.resolve("suite/images/a.signed"), Map.of()),
                new Scenario.When(dir.resolve("suite/images/b.signed")), List.of(),
                new Scenario.Then(Set.of(ImageRole.GIVEN), Duration.ofSeconds(30), true, false), Map.of());
    }
}
