package dev.hil.scenarios.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep forms that need the image or the rig: every N bytes and every occurrence of a phase. */
class SweepFormsTest {
    private static final Set<String> KINDS = Set.of("power-cut");
    private static final Path LIBRARY = Path.of("library").toAbsolutePath();

    @TempDir
    Path suite;
    Path file;
    long imageSize;

    @BeforeEach
    void suite() throws Exception {
        SuiteTestImages.ensureFor(List.of(LIBRARY)); // real signed images, generated on first use
        Files.createDirectories(suite.resolve("images"));
        Files.createDirectories(suite.resolve("power"));
        Files.writeString(suite.resolve("hil-suite.yaml"), "# suite root\n");
        for (String img : List.of("app-1.0.0.signed", "app-1.1.0.signed")) {
            Files.copy(LIBRARY.resolve("images").resolve(img), suite.resolve("images").resolve(img));
        }
        imageSize = FirmwareImage.read(suite.resolve("images/app-1.1.0.signed")).size();
        file = suite.resolve("power/sweep.yaml");
    }

    private String scenario(String at, String sweep) {
        return """
                id: UPD-PWR-SW
                title: sweep
                traceability: {requirements: [SRS-UPD-12], risks: []}
                given: {running: ../images/app-1.0.0.signed}
                when: {update: {image: ../images/app-1.1.0.signed}}
                faults:
                  - power-cut: {at: %s, off-for: 1s}
                sweep: %s
                then: {recovers: {to: given, within: 30s}}
                """.formatted(at, sweep);
    }

    private ScenarioFile read(String yaml) throws Exception {
        Files.writeString(file, yaml);
        return ScenarioFiles.read(file, KINDS);
    }

    private List<String> errors(String yaml) throws Exception {
        Files.writeString(file, yaml);
        InputError e = catchThrowableOfType(InputError.class, () -> ScenarioFiles.read(file, KINDS));
        assertThat(e).as("expected an InputError").isNotNull();
        return e.all().stream().map(Throwable::getMessage).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Scenario s) {
        return s.faults().get(0).params().get("at");
    }

    @Test
    void everyNBytesCutsAtMultiplesThroughTheImageSize() throws Exception {
        List<Scenario> points = read(scenario("{bytes: 0}", "{over: power-cut.at.bytes, every: 8192 bytes}")).cases();

        long expectedCount = (imageSize + 8191) / 8192 + 1;
        assertThat(points).hasSize((int) expectedCount);
        assertThat(points.get(0).id()).isEqualTo("UPD-PWR-SW[bytes=0]");
        assertThat(points.get(1).id()).isEqualTo("UPD-PWR-SW[bytes=8192]");
        assertThat(points.get(points.size() - 1).id()).isEqualTo("UPD-PWR-SW[bytes=" + imageSize + "]");
        assertThat(at(points.get(1))).isEqualTo(Map.of("bytes", 8192));
        assertThat(points.get(2).parameters()).isEqualTo(Map.of("bytes", "16384"));
    }

    @Test
    void everyNBytesMustSweepAByteOffset() throws Exception {
        assertThat(errors(scenario("{transferred: 0%}", "{over: power-cut.at.transferred, every: 4096 bytes}")))
                .singleElement().asString().contains("sweep.over", "bytes trigger");
    }

    @Test
    void everyPhaseWithMaxHasItsPointsNow() throws Exception {
        ScenarioFile f = read(scenario("{nth: 1, of: {phase: flash-write}}",
                "{over: power-cut.at.nth, every: flash-write, max: 3}"));

        assertThat(f.phaseSweep()).isEmpty();
        assertThat(f.cases()).extracting(Scenario::id)
                .containsExactly("UPD-PWR-SW[flash-write=1]", "UPD-PWR-SW[flash-write=2]", "UPD-PWR-SW[flash-write=3]");
        assertThat(at(f.cases().get(2))).isEqualTo(Map.of("nth", 3, "of", Map.of("phase", "flash-write")));
    }

    @Test
    void everyPhaseWithoutMaxWaitsForAReferenceRun() throws Exception {
        ScenarioFile f = read(scenario("{nth: 1, of: {phase: flash-write}}", "{over: power-cut.at.nth, every: flash-write}"));

        assertThat(f.cases()).isEmpty();
        PhaseSweep sweep = f.phaseSweep().orElseThrow();
        assertThat(sweep.phase()).isEqualTo("flash-write");
        Scenario reference = sweep.reference();
        assertThat(reference.id()).isEqualTo("UPD-PWR-SW[reference]");
        assertThat(reference.faults()).isEmpty();
        assertThat(reference.then().recoversTo()).containsExactly(ImageRole.UPDATE);
        assertThat(sweep.points(4)).extracting(Scenario::id).last().isEqualTo("UPD-PWR-SW[flash-write=4]");
        assertThat(at(sweep.point(12))).isEqualTo(Map.of("nth", 12, "of", Map.of("phase", "flash-write")));
        assertThat(sweep.named("UPD-PWR-SW[flash-write=12]")).map(Scenario::id).contains("UPD-PWR-SW[flash-write=12]");
        assertThat(sweep.named("UPD-PWR-SW[flash-write=0]")).isEmpty();
        assertThat(sweep.named("UPD-PWR-SW[reference]")).isPresent();
        assertThat(f.names("UPD-PWR-SW[flash-write=7]")).isTrue();
        assertThat(f.names("UPD-PWR-SW[bytes=7]")).isFalse();
    }

    @Test
    void everyPhaseMustAddressTheNthOfThatPhase() throws Exception {
        assertThat(errors(scenario("{nth: 1, of: {phase: swap}}", "{over: power-cut.at.nth, every: flash-write}")))
                .singleElement().asString().contains("{nth: 1, of: {phase: flash-write}}");
    }

    @Test
    void maxGoesWithEveryOnly() throws Exception {
        assertThat(errors(scenario("{transferred: 0%}", "{over: power-cut.at.transferred, values: [1%], max: 3}")))
                .isNotEmpty().anySatisfy(m -> assertThat(m).contains("max"));
    }

    @Test
    void everyNeedsBytesOrAPhaseName() throws Exception {
        assertThat(errors(scenario("{bytes: 0}", "{over: power-cut.at.bytes, every: 'lots of bytes'}")))
                .singleElement().asString().contains("sweep.every");
    }
}
