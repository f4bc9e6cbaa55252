package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hil report} with the Allure command line the build unpacked, and the report it makes
 * opened in a real headless Chromium: what an auditor sees must be in the rendered page.
 */
class ReportCommandTest {
    private static final Pattern EMBEDDED = Pattern.compile("d\\('data/test-cases/([0-9a-f]+)\\.json','([A-Za-z0-9+/=]+)'\\)");

    @TempDir
    static Path dir;
    static Path results;
    static Path singleFileReport;
    static CliRun singleFileRun;

    @BeforeAll
    static void runAndReport() throws Exception {
        results = dir.resolve("allure-results");
        TwoScenarioRun.write(results, dir.resolve("suite"));
        singleFileReport = dir.resolve("report-single");
        singleFileRun = CliRun.of("--results", results.toString(), "--out", singleFileReport.toString(), "--single-file");
    }

    @Test
    void writesASingleFileReportAndTheTraceabilityMatrixBesideIt() throws Exception {
        assertThat(singleFileRun.exitCode()).as(singleFileRun.all()).isZero();
        assertThat(singleFileRun.out()).contains("report: " + singleFileReport.resolve("index.html").toAbsolutePath());
        try (Stream<Path> files = Files.list(singleFileReport)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("index.html", "traceability.html", "traceability.csv");
        }
        // runFinished wrote it into the results too, so it is part of what a seal covers.
        assertThat(Files.readString(results.resolve("traceability.csv")))
                .contains("SRS-SEC-03,failed,UPD-SEC-UNSIGNED,Unsigned update image is refused,failed,HAZ-07");
    }

    @Test
    void renderedReportShowsScenariosStepsTimelineAndRequirements() throws Exception {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        assumeTrue(found.isPresent(), "chromium is not installed (CI: apt-get install chromium); "
                + "the rendered report cannot be checked");
        HeadlessChromium chromium = found.get();
        assertThat(singleFileRun.exitCode()).as(singleFileRun.all()).isZero();
        Map<String, JsonNode> cases = embeddedTestCases(singleFileReport.resolve("index.html"));
        assertThat(cases.values()).extracting(c -> c.path("name").asText()).containsExactlyInAnyOrder(
                "UPD-PWR-050: Power lost at 50 % of the image upload", "UPD-SEC-UNSIGNED: Unsigned update image is refused");
        String index = singleFileReport.resolve("index.html").toUri().toString();

        String suites = text(chromium.dumpDom(index + "#suites"));
        assertThat(suites).contains("UPD-PWR-050: Power lost at 50 % of the image upload")
                .contains("UPD-SEC-UNSIGNED: Unsigned update image is refused");

        for (Map.Entry<String, JsonNode> c : cases.entrySet()) {
            String page = text(chromium.dumpDom(index + "#testresult/" + c.getKey()));
            assertThat(page).contains(c.getValue().path("name").asText())
                    .contains("provision images/app-1.0.0.signed", "recovery", "verify")
                    .contains("device log", "timeline.svg");
            if (c.getValue().path("name").asText().startsWith("UPD-PWR-050")) {
                assertThat(page).contains("update to images/app-1.1.0.signed").contains("SRS-UPD-12", "SRS-UPD-20");
            } else {
                assertThat(page).contains("Failed").contains("update was not rejected").contains("SRS-SEC-03");
            }
        }

        // The timeline picture itself: opened the way a click on the attachment opens it.
        Map.Entry<String, JsonNode> cut = cases.entrySet().stream()
                .filter(e -> e.getValue().path("name").asText().startsWith("UPD-PWR-050")).findFirst().orElseThrow();
        JsonNode svg = attachment(cut.getValue(), "timeline.svg");
        assertThat(svg.path("type").asText()).isEqualTo("image/svg+xml");
        String url = index + "#testresult/" + cut.getKey() + "?attachment=" + svg.path("uid").asText();
        String opened = chromium.dumpDom(url);
        // Allure embeds SVG attachments as an <object> whose data is the SVG itself.
        assertThat(opened).containsPattern("<object class=\"attachment__embed\" type=\"image/svg\\+xml\" data=\"[^\"]+\"");
        Path png = Path.of("target", "report-screenshots");
        Files.createDirectories(png);
        chromium.screenshot(url, png.resolve("timeline-attachment.png"), 1400, 1000);
        chromium.screenshot(index + "#testresult/" + cut.getKey(), png.resolve("test-result.png"), 1400, 1000);
    }

    @Test
    void historyFromAPreviousReportFeedsTheTrendWithoutTouchingTheResults() throws Exception {
        Path first = dir.resolve("nightly-1");
        Path second = dir.resolve("nightly-2");
        assertThat(CliRun.of("--results", results.toString(), "--out", first.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("--results", results.toString(), "--out", second.toString(),
                "--history-from", first.toString());
        assertThat(run.exitCode()).as(run.all()).isZero();

        JsonNode trend = new ObjectMapper().readTree(second.resolve("widgets/history-trend.json").toFile());
        assertThat(trend.size()).as("one trend point per report").isEqualTo(2);
        assertThat(results.resolve("history")).doesNotExist();
    }

    @Test
    void refusesAFolderWithoutResultsAndAHistoryThatIsNoReport() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("--results", empty.toString(), "--out", dir.resolve("r0").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no Allure results");

        CliRun noHistory = CliRun.of("--results", results.toString(), "--out", dir.resolve("r1").toString(),
                "--history-from", empty.toString());
        assertThat(noHistory.exitCode()).isEqualTo(2);
        assertThat(noHistory.err()).contains("has no history/ folder");
    }

    /** The report's test cases, read from the data the single-file page embeds (base64 JSON). */
    private static Map<String, JsonNode> embeddedTestCases(Path index) throws Exception {
        String html = Files.readString(index, StandardCharsets.UTF_8);
        Map<String, JsonNode> cases = new LinkedHashMap<>();
        Matcher m = EMBEDDED.matcher(html);
        ObjectMapper json = new ObjectMapper();
        while (m.find()) {
            cases.put(m.group(1), json.readTree(Base64.getDecoder().decode(m.group(2))));
        }
        return cases;
    }

    private static JsonNode attachment(JsonNode testCase, String name) {
        for (JsonNode a : testCase.findValues("attachments")) {
            for (JsonNode each : a) {
                if (each.path("name").asText().equals(name)) {
                    return each;
                }
            }
        }
        throw new AssertionError("no attachment " + name + " in " + testCase.path("name").asText());
    }

    /** The page's visible text, without markup, scripts or styles. */
    private static String text(String dom) {
        String t = dom.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("<[^>]+>", " ");
        t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
        return t.replaceAll("\\s+", " ");
    }

    record CliRun(int exitCode, String out, String err) {
        static CliRun of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = new CommandLine(new ReportCommand());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return new CliRun(cl.execute(args), out.toString(), err.toString());
        }

        String all() {
            return out + err;
        }
    }
}
