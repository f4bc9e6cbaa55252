package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole standard library on the reference virtual rig: real PTYs, real device processes. */
class StandardLibraryOnVirtualRigTest {
    @TempDir
    Path tmp;

    @Test
    void wholeLibraryPassesOnTheCorrectDevice() throws Exception {
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 20, "run", "--rig", "rigs/virtual.yaml",
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), "--seed", "7",
                "scenarios/library");
        assertThat(r.exit()).as(r.output()).isZero();
        List<JsonNode> all = AllureResults.read(results);
        long files;
        try (var s = Files.walk(HilProcess.ROOT.resolve("scenarios/library"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("hil-suite.yaml")).count();
        }
        assertThat(all).hasSize((int) files);
        for (JsonNode result : all) {
            assertThat(result.path("status").asText()).as(result.path("name").asText()).isEqualTo("passed");
            assertThat(AllureResults.label(result, "requirement")).isNotBlank();
            assertThat(AllureResults.label(result, "risk")).isNotBlank();
            assertThat(AllureResults.label(result, "rig")).isEqualTo("virtual");
            assertThat(AllureResults.label(result, "seed")).isEqualTo("7");
            List<String> steps = result.path("steps").findValuesAsText("name");
            assertThat(steps).anyMatch(s -> s.startsWith("provision")).anyMatch(s -> s.startsWith("update"))
                    .contains("recovery", "verify");
            List<String> attachments = result.findValuesAsText("source");
            assertThat(attachments).isNotEmpty().allSatisfy(a -> assertThat(results.resolve(a)).exists());
            assertThat(result.findValuesAsText("name")).contains("serial transcript (SMP, decoded)", "device log", "timeline");
        }
        // The cut landed exactly where asked: the timeline attachment records the byte.
        JsonNode cut50 = all.stream().filter(n -> AllureResults.testCaseId(n).equals("UPD-PWR-050")).findFirst().orElseThrow();
        String timeline = attachment(results, cut50, "timeline");
        long expected = 50L * Files.size(HilProcess.ROOT.resolve("scenarios/library/images/app-1.1.0.signed")) / 100;
        assertThat(timeline).contains("power-cut fired: transferred 50% at image byte " + expected + " of ");
        String transcript = attachment(results, cut50, "serial transcript (SMP, decoded)");
        assertThat(transcript).contains("image/upload").contains("rc=0");
    }

    static String attachment(Path results, JsonNode result, String name) throws Exception {
        for (JsonNode a : result.findValues("attachments")) {
            for (JsonNode each : a) {
                if (name.equals(each.path("name").asText())) {
                    return Files.readString(results.resolve(each.path("source").asText()));
                }
            }
        }
        throw new AssertionError("no attachment '" + name + "' in " + result.path("name"));
    }
}
