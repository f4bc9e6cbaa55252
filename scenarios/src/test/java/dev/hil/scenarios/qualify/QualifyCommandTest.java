package dev.hil.scenarios.qualify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.reports.evidence.EvidenceReport;
import dev.hil.reports.evidence.EvidenceVerifier;
import dev.hil.scenarios.cli.QualifyCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hil qualify} for real on the reference virtual device, narrowed (hidden options) to two
 * scenario files and two defects so it stays within CI time: one defect the narrowed library
 * catches, one it cannot (its catcher is left out), so both verdicts and exit 1 are exercised on
 * real runs, and the sealed record is checked as an auditor would.
 */
class QualifyCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LIBRARY = ROOT.resolve("scenarios/library");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run qualify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new QualifyCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<String> narrowed(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--rig", ROOT.resolve("rigs/virtual.yaml").toString(),
                "--out", out.toString(), "--state", tmp.resolve("state").toString(),
                "--library", LIBRARY.resolve("power/clean-update.yaml").toString(),
                "--library", LIBRARY.resolve("security/unsigned-image.yaml").toString(),
                "--defect", "accept-unsigned", "--defect", "no-revert"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void qualifiesTheCatchAndReportsTheMissedOneInASealedRecord() throws Exception {
        assertThat(ROOT.resolve("rigs/reference-device/target/virtual-device.jar"))
                .as("build the jars first (mvn install -DskipTests)").isRegularFile();
        assertThat(HarnessSbom.defaultLocation()).get().as("the build's SBOM (mvn package, online)")
                .satisfies(p -> assertThat(p).isRegularFile());
        Path out = tmp.resolve("qualification");

        Run r = qualify(narrowed(out).toArray(String[]::new));

        assertThat(r.exit()).as("out:%n%s%nerr:%n%s", r.out(), r.err()).isEqualTo(1);
        assertThat(r.out()).contains("NOT QUALIFIED: 1 of 3 expectations not met");
        JsonNode report = new ObjectMapper().readTree(out.resolve(QualificationReport.JSON).toFile());
        assertThat(report.path("qualified").asBoolean(true)).isFalse();
        JsonNode modes = report.path("modes");
        assertThat(modes).hasSize(3);
        assertThat(modes.get(0).path("mode").asText()).isEqualTo("correct");
        assertThat(modes.get(0).path("met").asBoolean()).as(modes.get(0).toString()).isTrue();
        assertThat(modes.get(0).path("actual").asText()).isEqualTo("no false alarm (2 cases passed)");
        JsonNode unsigned = modes.get(1);
        assertThat(unsigned.path("mode").asText()).isEqualTo("defect-accept-unsigned");
        assertThat(unsigned.path("met").asBoolean()).as(unsigned.toString()).isTrue();
        assertThat(unsigned.path("caughtBy").asText()).isEqualTo("UPD-SEC-UNSIGNED");
        assertThat(unsigned.path("failureMessage").asText()).contains("update was not rejected");
        JsonNode noRevert = modes.get(2);
        assertThat(noRevert.path("met").asBoolean()).isFalse();
        assertThat(noRevert.path("actual").asText()).startsWith("not caught: no result for UPD-PWR-CONFIRM");

        JsonNode facts = report.path("facts");
        assertThat(facts.path("harness.commit").asText()).isNotBlank();
        assertThat(facts.path("rig.name").asText()).isEqualTo("virtual");
        assertThat(facts.path("sbom.format").asText()).startsWith("CycloneDX");
        assertThat(Integer.parseInt(facts.path("sbom.components").asText())).isPositive();
        assertThat(facts.path("java.version").asText()).startsWith(System.getProperty("java.version"));
        assertThat(out.resolve("sbom/bom.json")).isRegularFile();
        assertThat(out.resolve("defect-accept-unsigned/rig.yaml")).content()
                .contains("baud: unlimited", "--defect", "accept-unsigned");
        assertThat(Files.list(out.resolve("correct/results")).map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith("-result.json"))).hasSize(2);
        assertThat(out.resolve(QualificationReport.HTML)).content().contains("NOT QUALIFIED", "defect-no-revert");
        assertThat(out.resolve(QualificationReport.CSV)).content()
                .contains("\"defect-accept-unsigned\",\"accept-unsigned\"", ",yes,\"UPD-SEC-UNSIGNED\",");

        EvidenceReport sealed = EvidenceVerifier.verify(out, Optional.empty(), Path.of("").toAbsolutePath());
        assertThat(sealed.problems()).isEmpty();
        Files.writeString(out.resolve(QualificationReport.CSV), "tampered\n");
        assertThat(EvidenceVerifier.verify(out, Optional.empty(), Path.of("").toAbsolutePath()).ok()).isFalse();
    }

    @Test
    void aMissingSbomIsBadInputAndNothingRuns() {
        Path out = tmp.resolve("q");
        Run r = qualify(narrowed(out, "--sbom", tmp.resolve("none/bom.json").toString()).toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no harness SBOM at", "cyclonedx-maven-plugin", "does not invent one");
        assertThat(out).doesNotExist();
    }

    @Test
    void anSbomThatIsNotCycloneDxIsBadInput() throws Exception {
        Path fake = Files.writeString(tmp.resolve("bom.json"), "{\"spdxVersion\": \"SPDX-2.3\"}");
        Run r = qualify(narrowed(tmp.resolve("q"), "--sbom", fake.toString()).toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is not a CycloneDX JSON SBOM");
    }

    @Test
    void anUnknownDefectIsBadInput() {
        List<String> args = new ArrayList<>(narrowed(tmp.resolve("q")));
        args.addAll(List.of("--defect", "eats-firmware"));
        Run r = qualify(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown defect(s) [eats-firmware]", "no-crc-check");
    }

    @Test
    void aFolderOfOtherFilesIsNotOverwritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        Run r = qualify(narrowed(out).toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not an earlier qualification");
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }
}
