package dev.hil.scenarios.file;

import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScenarioFilesTest {
    private static final Set<String> KINDS = Set.of("power-cut", "link-drop");

    /** A valid scenario, one level below the suite root, images in a sibling folder. */
    private static final String VALID = """
            id: UPD-PWR-050
            title: Power lost at 50 % of the image upload
            traceability: {requirements: [SRS-UPD-12], risks: [HAZ-07]}
            given:
              running: ../images/app-1.0.0.signed
              state: {therapy: idle, battery: 80}
            when:
              update: {image: ../images/app-1.1.0.signed}
            faults:
              - power-cut: {at: {transferred: 50%}, off-for: 2s}
            then:
              recovers: {to: {any-of: [given, update]}, within: 30s}
              verified: true
            """;

    @TempDir
    Path tmp;
    Path suite;
    Path file;

    @BeforeEach
    void suite() throws IOException {
        suite = tmp.resolve("suite");
        Files.createDirectories(suite.resolve("images"));
        Files.createDirectories(suite.resolve("power"));
        Files.writeString(suite.resolve("hil-suite.yaml"), "# suite root marker\n");
        Files.write(suite.resolve("images/app-1.0.0.signed"), new byte[]{1});
        Files.write(suite.resolve("images/app-1.1.0.signed"), new byte[]{2});
        file = suite.resolve("power/upd.yaml");
    }

    private List<Scenario> load(String yaml) throws Exception {
        Files.writeString(file, yaml);
        return ScenarioFiles.load(file, KINDS);
    }

    /** The full message list of the error loading {@code yaml} raises. */
    private List<String> errors(String yaml) throws IOException {
        Files.writeString(file, yaml);
        InputError e = catchThrowableOfType(InputError.class, () -> ScenarioFiles.load(file, KINDS));
        assertThat(e).as("expected an InputError").isNotNull();
        return e.all().stream().map(Throwable::getMessage).toList();
    }

    private String at(int line, int column) {
        return file + ":" + line + ":" + column + ": ";
    }

    @Test
    void validFileLoadsIntoScenario() throws Exception {
        List<Scenario> loaded = load(VALID);

        assertThat(loaded).hasSize(1);
        Scenario s = loaded.get(0);
        assertThat(s.id()).isEqualTo("UPD-PWR-050");
        assertThat(s.title()).isEqualTo("Power lost at 50 % of the image upload");
        assertThat(s.traceability()).isEqualTo(new Scenario.Traceability(List.of("SRS-UPD-12"), List.of("HAZ-07")));
        assertThat(s.file()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(s.suiteRoot()).isEqualTo(suite.toAbsolutePath().normalize());
        assertThat(s.given()).isEqualTo(new Scenario.Given(suite.resolve("images/app-1.0.0.signed"),
                Map.of("therapy", "idle", "battery", "80")));
        assertThat(s.when().updateImage()).isEqualTo(suite.resolve("images/app-1.1.0.signed"));
        assertThat(s.faults()).containsExactly(new FaultSpec("power-cut",
                Map.of("at", Map.of("transferred", "50%"), "off-for", "2s"), new SourceMark(file, 10, 5)));
        assertThat(s.then()).isEqualTo(new Scenario.Then(Set.of(ImageRole.GIVEN, ImageRole.UPDATE),
                Duration.ofSeconds(30), true, false));
        assertThat(s.parameters()).isEmpty();
    }

    @Test
    void faultParamsArePlainJavaValues() throws Exception {
        Scenario s = load(VALID.replace("{at: {transferred: 50%}, off-for: 2s}",
                "{at: {bytes: 65536}, ratio: 0.5, on: true, list: [1, x]}")).get(0);

        Map<String, Object> params = s.faults().get(0).params();
        assertThat(params.get("at")).isEqualTo(Map.of("bytes", 65536));
        assertThat(params.get("ratio")).isEqualTo(0.5);
        assertThat(params.get("on")).isEqualTo(true);
        assertThat(params.get("list")).isEqualTo(List.of(1, "x"));
    }

    @Test
    void withoutRecoversThenHasNoTargetAndDefaultsFalse() throws Exception {
        Scenario s = load(VALID.replace("""
                  recovers: {to: {any-of: [given, update]}, within: 30s}
                  verified: true
                """, "  rejected: true\n").replace("faults:\n  - power-cut: {at: {transferred: 50%}, off-for: 2s}\n", ""))
                .get(0);

        assertThat(s.then()).isEqualTo(new Scenario.Then(Set.of(), null, false, true));
        assertThat(s.faults()).isEmpty();
    }

    @Test
    void authorizationAndSignatureCheckBudgetAreRead() throws Exception {
        Scenario s = load(VALID.replace("update: {image: ../images/app-1.1.0.signed}",
                "update: {image: ../images/app-1.1.0.signed, authorize: after-upload}")
                .replace("  verified: true\n", "  verified: true\n  signature-check: {within: 750ms}\n")).get(0);

        assertThat(s.when()).isEqualTo(new Scenario.When(suite.resolve("images/app-1.1.0.signed"),
                Scenario.Authorize.AFTER_UPLOAD));
        assertThat(s.then().signatureCheck())
                .isEqualTo(new Scenario.TimeBudget(Duration.ofMillis(750), new SourceMark(file, 14, 20)));
        assertThat(load(VALID).get(0).when().authorize()).isEqualTo(Scenario.Authorize.NEVER);
        assertThat(load(VALID).get(0).then().signatureCheck()).isNull();
    }

    @Test
    void unknownAuthorizationAndBadBudgetNameTheirPlace() throws IOException {
        assertThat(errors(VALID.replace("update: {image: ../images/app-1.1.0.signed}",
                "update: {image: ../images/app-1.1.0.signed, authorize: later}")
                .replace("  verified: true\n", "  verified: true\n  signature-check: {within: fast}\n")))
                .containsExactly(
                        at(8, 58) + "when.update.authorize: 'later' is not one of never, after-upload",
                        at(14, 29) + "then.signature-check.within: 'fast' is not a duration (write e.g. 500ms, 1.5s, 2m)");
    }

    @Test
    void yamlSyntaxError() throws IOException {
        assertThat(errors("id: UPD-1\ntitle: [unclosed\ngiven: {}\n"))
                .containsExactly(at(3, 6) + "YAML syntax: expected ',' or ']', but got :");
    }

    @Test
    void duplicateKey() throws IOException {
        assertThat(errors(VALID.replace("  verified: true\n", "  verified: true\n  verified: false\n")))
                .containsExactly(at(14, 3) + "duplicate key 'then.verified' (first at line 13)");
    }

    @Test
    void unknownKeyAtItsKey() throws IOException {
        assertThat(errors(VALID.replace("  running:", "  runing:")))
                .containsExactly(at(5, 3) + "missing required key 'given.running'",
                        at(5, 3) + "unknown key 'given.runing' (known: running, state)");
    }

    @Test
    void wrongType() throws IOException {
        assertThat(errors(VALID.replace("verified: true", "verified: [yes]")))
                .containsExactly(at(13, 13) + "then.verified: expected true or false, got a list");
    }

    @Test
    void missingRequiredFieldAtParentMapping() throws IOException {
        assertThat(errors(VALID.replace("update: {image: ../images/app-1.1.0.signed}", "update: {}")))
                .containsExactly(at(8, 11) + "missing required key 'when.update.image'");
    }

    @Test
    void badDuration() throws IOException {
        assertThat(errors(VALID.replace("within: 30s", "within: 30 seconds")))
                .containsExactly(at(12, 53) + "then.recovers.within: '30 seconds' is not a duration (write e.g. 500ms, 1.5s, 2m)");
    }

    @Test
    void badIdUsesTheSchemaHint() throws IOException {
        assertThat(errors(VALID.replace("id: UPD-PWR-050", "id: upd-pwr-050")))
                .containsExactly(at(1, 5) + "id: 'upd-pwr-050' is not a scenario id (upper-case letters, digits and dashes, e.g. UPD-PWR-050)");
    }

    @Test
    void unknownFaultKindAtItsKey() throws IOException {
        assertThat(errors(VALID.replace("- power-cut:", "- power-cutt:")))
                .containsExactly(at(10, 5) + "unknown fault 'power-cutt' (known: link-drop, power-cut)");
    }

    @Test
    void imagePathEscapingWithDotDot() throws IOException {
        Files.write(tmp.resolve("outside.signed"), new byte[]{3});
        assertThat(errors(VALID.replace("{image: ../images/app-1.1.0.signed}", "{image: ../../outside.signed}")))
                .containsExactly(at(8, 19) + "when.update.image: '../../outside.signed' leaves the suite root " + suite);
    }

    @Test
    void imagePathEscapingThroughSymlink() throws IOException {
        Path outside = Files.write(tmp.resolve("outside.signed"), new byte[]{3});
        Files.createSymbolicLink(suite.resolve("images/link.signed"), outside);
        assertThat(errors(VALID.replace("running: ../images/app-1.0.0.signed", "running: ../images/link.signed")))
                .containsExactly(at(5, 12) + "given.running: '../images/link.signed' leaves the suite root " + suite
                        + " through a symlink (it leads to " + outside.toRealPath() + ")");
    }

    @Test
    void missingImageFile() throws IOException {
        assertThat(errors(VALID.replace("app-1.1.0.signed", "app-9.signed")))
                .containsExactly(at(8, 19) + "when.update.image: '../images/app-9.signed' does not exist (looked for "
                        + suite.resolve("images/app-9.signed") + ")");
    }

    @Test
    void withoutMarkerTheScenarioFolderIsTheRoot() throws IOException {
        Files.delete(suite.resolve("hil-suite.yaml"));
        assertThat(errors(VALID)).containsExactly(
                at(5, 12) + "given.running: '../images/app-1.0.0.signed' leaves the suite root " + suite.resolve("power"),
                at(8, 19) + "when.update.image: '../images/app-1.1.0.signed' leaves the suite root " + suite.resolve("power"));
    }

    @Test
    void collectsEveryProblemOfAFile() throws IOException {
        String yaml = VALID.replace("title: Power lost at 50 % of the image upload\n", "")
                .replace("- power-cut:", "- power-cutt:")
                .replace("within: 30s", "within: soon")
                .replace("verified: true", "verfied: true");
        assertThat(errors(yaml)).containsExactly(
                at(1, 1) + "missing required key 'title'",
                at(9, 5) + "unknown fault 'power-cutt' (known: link-drop, power-cut)",
                at(11, 53) + "then.recovers.within: 'soon' is not a duration (write e.g. 500ms, 1.5s, 2m)",
                at(12, 3) + "unknown key 'then.verfied' (known: recovers, verified, rejected, signature-check)");
    }

    @Test
    void sweepFromToStepGivesEveryPointInclusive() throws Exception {
        List<Scenario> points = load(VALID.replace("then:", "sweep: {over: power-cut.at.transferred, from: 0%, to: 100%, step: 10%}\nthen:"));

        assertThat(points).hasSize(11);
        for (int i = 0; i <= 10; i++) {
            Scenario p = points.get(i);
            String value = (i * 10) + "%";
            assertThat(p.id()).isEqualTo("UPD-PWR-050[transferred=" + value + "]");
            assertThat(p.parameters()).isEqualTo(Map.of("transferred", value));
            assertThat(p.faults()).hasSize(1);
            assertThat(p.faults().get(0).params())
                    .isEqualTo(Map.of("at", Map.of("transferred", value), "off-for", "2s"));
            assertThat(p.faults().get(0).mark()).isEqualTo(new SourceMark(file, 10, 5));
        }
    }

    @Test
    void sweepStepsDurationsAndBytesExactly() throws Exception {
        List<Scenario> durations = load(VALID.replace("then:", "sweep: {over: power-cut.off-for, from: 0.5s, to: 1.5s, step: 0.25s}\nthen:"));
        assertThat(durations).extracting(Scenario::id).containsExactly("UPD-PWR-050[off-for=0.5s]",
                "UPD-PWR-050[off-for=0.75s]", "UPD-PWR-050[off-for=1s]", "UPD-PWR-050[off-for=1.25s]",
                "UPD-PWR-050[off-for=1.5s]");

        List<Scenario> bytes = load(VALID.replace("{transferred: 50%}", "{bytes: 0}")
                .replace("then:", "sweep: {over: power-cut.at.bytes, from: 0, to: 8192, step: 4096}\nthen:"));
        assertThat(bytes).extracting(s -> s.faults().get(0).params().get("at"))
                .containsExactly(Map.of("bytes", 0), Map.of("bytes", 4096), Map.of("bytes", 8192));
    }

    @Test
    void sweepValuesAreUsedAsWritten() throws Exception {
        List<Scenario> points = load(VALID.replace("then:", "sweep: {over: power-cut.at.transferred, values: [1%, 99.5%]}\nthen:"));
        assertThat(points).extracting(Scenario::parameters)
                .containsExactly(Map.of("transferred", "1%"), Map.of("transferred", "99.5%"));
    }

    @Test
    void sweepOverNothingIsAnError() throws IOException {
        assertThat(errors(VALID.replace("then:", "sweep: {over: power-cut.at.bytes, values: [1]}\nthen:")))
                .containsExactly(at(11, 15) + "sweep.over: 'power-cut.at.bytes' addresses nothing ('power-cut' has no at.bytes)");
        assertThat(errors(VALID.replace("then:", "sweep: {over: link-drop.at.bytes, values: [1]}\nthen:")))
                .containsExactly(at(11, 15) + "sweep.over: 'link-drop.at.bytes' addresses nothing (no 'link-drop' fault in faults)");
    }

    @Test
    void sweepStepThatMissesToIsAnError() throws IOException {
        assertThat(errors(VALID.replace("then:", "sweep: {over: power-cut.at.transferred, from: 0%, to: 100%, step: 30%}\nthen:")))
                .containsExactly(at(11, 67) + "sweep.step: 30% does not land on to (100%) from 0%; to - from must be a whole number of steps");
    }

    @Test
    void missingFileIsAnInputError() {
        Path nowhere = tmp.resolve("nowhere.yaml");
        assertThatThrownBy(() -> ScenarioFiles.load(nowhere, KINDS))
                .isInstanceOf(InputError.class)
                .hasMessage(nowhere + ":1:1: file does not exist");
    }
}
