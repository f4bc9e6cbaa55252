package dev.hil.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceabilityMatrixTest {
    @TempDir
    Path results;

    @Test
    void requirementOutcomeIsItsWorstScenarioAndUntracedScenariosAreListed() throws Exception {
        result("a", "UPD-PWR-050", "passed", "SRS-UPD-12", "SRS-UPD-20");
        result("b", "UPD-PWR-090", "failed", "SRS-UPD-12");
        result("c", "UPD-SEC-DOWN", "broken", "SRS-SEC-01");
        result("d", "SMOKE", "passed");
        Files.writeString(results.resolve("x-container.json"), "{}"); // not a result: ignored

        TraceabilityMatrix m = TraceabilityMatrix.fromResults(results);

        assertThat(m.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("SRS-UPD-12", "failed", "SRS-UPD-20", "passed",
                "SRS-SEC-01", "broken", TraceabilityMatrix.UNTRACED, "passed"));
        assertThat(m.rows()).extracting(TraceabilityMatrix.Row::requirement).containsExactly("SRS-SEC-01", "SRS-UPD-12",
                "SRS-UPD-12", "SRS-UPD-20", TraceabilityMatrix.UNTRACED);
        assertThat(m.rows().get(1).title()).isEqualTo("title of UPD-PWR-050");
    }

    @Test
    void writesCsvAndHtmlThatSurviveHostileText() throws Exception {
        result("a", "UPD-\"Q\"", "failed", "=cmd|' /C calc'!A0", "<b>SRS</b>");
        TraceabilityMatrix.fromResults(results).writeTo(results);

        String csv = Files.readString(results.resolve(TraceabilityMatrix.CSV));
        assertThat(csv).startsWith("requirement,requirement outcome,scenario,")
                .contains("\r\n'=cmd|' /C calc'!A0,failed,\"UPD-\"\"Q\"\"\",\"title of UPD-\"\"Q\"\"\",failed,HAZ-07,,a-result.json\r\n");
        String html = Files.readString(results.resolve(TraceabilityMatrix.HTML));
        assertThat(html).contains("&lt;b&gt;SRS&lt;/b&gt;").doesNotContain("<b>SRS</b>")
                .contains("2 requirements, 2 scenario results; 2 requirements not passed.");
    }

    @Test
    void anUnreadableResultIsListedNotDropped() throws Exception {
        Files.writeString(results.resolve("broken-result.json"), "{\"name\": ");
        TraceabilityMatrix m = TraceabilityMatrix.fromResults(results);
        assertThat(m.rows()).singleElement().satisfies(r -> {
            assertThat(r.scenario()).isEqualTo("broken-result.json");
            assertThat(r.title()).startsWith("unreadable result file");
        });
    }

    private void result(String uuid, String id, String status, String... requirements) throws Exception {
        StringBuilder labels = new StringBuilder("{\"name\":\"risk\",\"value\":\"HAZ-07\"}");
        for (String r : requirements) {
            labels.append(",{\"name\":\"requirement\",\"value\":\"").append(r.replace("\"", "\\\"")).append("\"}");
        }
        String json = "{\"uuid\":\"" + uuid + "\",\"testCaseId\":\"" + id.replace("\"", "\\\"") + "\",\"name\":\""
                + id.replace("\"", "\\\"") + ": title of " + id.replace("\"", "\\\"") + "\",\"status\":\"" + status
                + "\",\"labels\":[" + labels + "]}";
        Files.writeString(results.resolve(uuid + "-result.json"), json);
    }
}
