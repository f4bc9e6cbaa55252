package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.scenarios.file.SuiteTestImages;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps run for real on the reference virtual device (a process behind a PTY, baud unlimited):
 * {@code --case} picks one point, a failing point prints the line that reruns exactly it, and the
 * same seed gives the same fault positions and verdicts.
 */
class SweepRunOnVirtualRigTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path rig;
    Path suite;

    record Run(int exit, String out, Path results) {
    }

    @BeforeEach
    void rigAndSuite() throws Exception {
        assertThat(ROOT.resolve("rigs/reference-device/target/virtual-device.jar"))
                .as("build the jars first (mvn install -DskipTests)").isRegularFile();
        String text = Files.readString(ROOT.resolve("rigs/virtual.yaml"))
                .replace("root: ..", "root: " + ROOT).replace("baud: 115200", "baud: unlimited");
        assertThat(text).contains("baud: unlimited");
        rig = Files.writeString(tmp.resolve("fast.yaml"), text);
        suite = tmp.resolve("suite");
        Files.createDirectories(suite.resolve("images"));
        Files.createDirectories(suite.resolve("power"));
        Files.writeString(suite.resolve("hil-suite.yaml"), "name: sweep test suite\n");
        Path library = ROOT.resolve("scenarios/library");
        SuiteTestImages.ensureFor(List.of(library));
        for (String img : List.of("app-1.0.0.signed", "app-1.1.0.signed")) {
            Files.copy(library.resolve("images").resolve(img), suite.resolve("images").resolve(img));
        }
    }

    private Path scenario(String name, String id, String at, String sweep, String to) throws IOException {
        return Files.writeString(suite.resolve("power").resolve(name), """
                id: %s
                title: sweep on the virtual rig
                traceability: {requirements: [SRS-UPD-12], risks: [HAZ-07]}
                given: {running: ../images/app-1.0.0.signed}
                when: {update: {image: ../images/app-1.1.0.signed}}
                faults:
                  - power-cut: {at: %s, off-for: 200ms}
                sweep: %s
                then: {recovers: {to: %s, within: 30s}, verified: true}
                """.formatted(id, at, sweep, to));
    }

    private Run hil(String results, String... args) {
        Path out = tmp.resolve(results);
        List<String> all = new ArrayList<>(List.of("run", "--rig", rig.toString(), "--results", out.toString(),
                "--state", tmp.resolve("state").toString()));
        all.addAll(List.of(args));
        StringWriter text = new StringWriter();
        var cl = Hil.commandLine();
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, text.toString(), out);
    }

    private static List<JsonNode> results(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        }
        return out;
    }

    private static String attachment(Path dir, JsonNode result, String name) throws IOException {
        for (JsonNode a : result.path("attachments")) {
            if (a.path("name").asText().equals(name)) {
                return Files.readString(dir.resolve(a.path("source").asText()));
            }
        }
        return null;
    }

    /** Per case id: its verdict and the timeline's fault events without their timestamps. */
    private static Map<String, String> faultPositions(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : results(dir)) {
            StringBuilder faults = new StringBuilder(r.path("status").asText());
            for (String line : attachment(dir, r, "timeline").split("\n")) {
                String event = line.replaceFirst("^\\s*[0-9.]+ ms\\s+", "");
                if (event.startsWith("fault ")) {
                    faults.append(" | ").append(event);
                }
            }
            out.put(r.path("testCaseId").asText(), faults.toString());
        }
        return out;
    }

    @Test
    void caseRunsExactlyOneSweepPoint() throws Exception {
        Path file = scenario("bytes.yaml", "UPD-T-BYTES", "{bytes: 0}", "{over: power-cut.at.bytes, every: 8192 bytes}", "given");

        Run run = hil("case", "--seed", "3", "--case", "UPD-T-BYTES[bytes=8192]", file.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("1 passed, 0 failed");
        assertThat(results(run.results())).singleElement()
                .satisfies(r -> assertThat(r.path("testCaseId").asText()).isEqualTo("UPD-T-BYTES[bytes=8192]"));
        assertThat(faultPositions(run.results()).get("UPD-T-BYTES[bytes=8192]")).contains("image byte 8192 of");
    }

    @Test
    void unknownCaseIsBadInputAndTouchesNothing() throws Exception {
        Path file = scenario("bytes.yaml", "UPD-T-BYTES", "{bytes: 0}", "{over: power-cut.at.bytes, every: 8192 bytes}", "given");

        Run run = hil("nocase", "--case", "UPD-T-BYTES[bytes=1]", file.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).contains("--case 'UPD-T-BYTES[bytes=1]' names no case");
        assertThat(run.results()).doesNotExist();
    }

    @Test
    void failingPointPrintsTheLineThatRerunsExactlyIt() throws Exception {
        // A cut at 0 % leaves the old image; expecting the update makes this point fail.
        Path file = scenario("wrong.yaml", "UPD-T-WRONG", "{transferred: 0%}",
                "{over: power-cut.at.transferred, values: [0%]}", "update");

        Run run = hil("fail", "--seed", "11", file.toString());

        String expected = "./hil run --rig " + rig + " --seed 11 --case 'UPD-T-WRONG[transferred=0%]' " + file;
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("    reproduce: " + expected);
        assertThat(attachment(run.results(), results(run.results()).get(0), "reproduce")).isEqualTo(expected + "\n");

        Run again = hil("again", "--seed", "11", "--case", "UPD-T-WRONG[transferred=0%]", file.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("0 passed, 1 failed").contains("    reproduce: " + expected);
    }

    @Test
    void sameSeedGivesTheSameFaultPositionsAndVerdicts() throws Exception {
        Path file = scenario("random.yaml", "UPD-T-RANDOM", "{random: {from: 10%, to: 90%}}",
                "{over: power-cut.off-for, values: [200ms, 300ms, 400ms]}", "given");

        Map<String, String> first = faultPositions(hil("seed7a", "--seed", "7", file.toString()).results());
        Map<String, String> second = faultPositions(hil("seed7b", "--seed", "7", file.toString()).results());
        Map<String, String> other = faultPositions(hil("seed8", "--seed", "8", file.toString()).results());

        assertThat(first).hasSize(3).allSatisfy((id, f) -> assertThat(f).contains("image byte"));
        assertThat(second).isEqualTo(first);
        assertThat(other.values()).as("another seed moves the cuts: the comparison can tell")
                .doesNotContainAnyElementsOf(first.values());
    }
}
