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
        int cases = HilProcess.libraryCases(tmp.resolve("validate.log"));
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 30, HilProcess.withLibrary("run", "--rig",
                "rigs/virtual.yaml", "--results", results.toString(), "--state", tmp.resolve("state").toString(),
                "--seed", "7"));
        assertThat(r.exit()).as(r.output()).isZero();
        List<JsonNode> all = AllureResults.read(results);
        assertThat(all).hasSize(cases);
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
        reportRendersEveryScenario(results, all);
        // The cut landed exactly where asked: the timeline attachment records the byte.
        JsonNode cut50 = all.stream().filter(n -> AllureResults.testCaseId(n).equals("UPD-PWR-050")).findFirst().orElseThrow();
        String timeline = attachment(results, cut50, "timeline");
        long expected = 50L * Files.size(HilProcess.ROOT.resolve("scenarios/library/images/app-1.1.0.signed")) / 100;
        assertThat(timeline).contains("power-cut fired: transferred 50% at image byte " + expected + " of ");
        String transcript = attachment(results, cut50, "serial transcript (SMP, decoded)");
        assertThat(transcript).contains("image/upload").contains("rc=0");
    }

    /**
     * What an auditor opens: the offline HTML report of the whole library, rendered by a real
     * headless Chromium, lists every scenario on its Suites page (visible text, scripts stripped).
     */
    private void reportRendersEveryScenario(Path results, List<JsonNode> all) throws Exception {
        Path report = tmp.resolve("report");
        HilProcess.Result r = HilProcess.run(tmp.resolve("report.log"), 10, "report", "--results", results.toString(),
                "--out", report.toString(), "--single-file");
        assertThat(r.exit()).as(r.output()).isZero();
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        Path dom = tmp.resolve("suites.html");
        Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom",
                report.resolve("index.html").toUri() + "#suites")
                .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A hang guard, not a timing check: virtual time lets the page's scripts finish.
        assertThat(chromium.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).as("chromium exited").isTrue();
        assertThat(chromium.exitValue()).isZero();
        String visible = Files.readString(dom).replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replaceAll("\\s+", " ");
        for (JsonNode result : all) {
            assertThat(visible).as("the rendered Suites page shows %s", result.path("name").asText())
                    .contains(result.path("name").asText());
        }
    }

    /**
     * No flaky case: two runs in a row (unpaced UART, same seed) all pass; and no false alarm on a
     * second correct board, the device's second profile (rigs/virtual-zephyr.yaml: other slot and
     * sector sizes, Zephyr's log texts, a frugal image list), in place of a third such run.
     */
    @Test
    void libraryPassesTwoRunsInARowAndOnTheSecondProfile() throws Exception {
        Path rig = HilProcess.virtualRigVariant(tmp, "virtual-unpaced", true);
        Path zephyr = HilProcess.rigVariant(tmp, "rigs/virtual-zephyr.yaml", "virtual-zephyr-unpaced", true);
        int cases = HilProcess.libraryCases(tmp.resolve("validate.log"));
        int zephyrCases = HilProcess.libraryCases(tmp.resolve("validate-zephyr.log"), "rigs/virtual-zephyr.yaml");
        assertThat(zephyrCases).as("the second profile runs the same library, nothing skipped for it").isEqualTo(cases);
        List<Path> rigs = List.of(rig, rig, zephyr);
        for (int run = 1; run <= rigs.size(); run++) {
            Path results = tmp.resolve("results-" + run);
            long started = System.nanoTime();
            HilProcess.Result r = HilProcess.run(tmp.resolve("run-" + run + ".log"), 20, HilProcess.withLibrary("run",
                    "--rig", rigs.get(run - 1).toString(), "--results", results.toString(), "--state",
                    tmp.resolve("state").toString(), "--seed", "11"));
            assertThat(r.exit()).as("run %d on %s:%n%s", run, rigs.get(run - 1).getFileName(), r.output()).isZero();
            assertThat(AllureResults.read(results)).hasSize(cases)
                    .allSatisfy(n -> assertThat(n.path("status").asText()).as(n.path("name").asText()).isEqualTo("passed"));
            System.out.printf("run %d on %s: %s in %d s%n", run, rigs.get(run - 1).getFileName(),
                    r.output().lines().filter(l -> l.matches("\\d+ passed, .*")).findFirst().orElse("?"),
                    (System.nanoTime() - started) / 1_000_000_000L); // a figure for the log, not a check
        }
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
