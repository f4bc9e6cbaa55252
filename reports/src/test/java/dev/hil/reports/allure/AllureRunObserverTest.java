package dev.hil.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureRunObserverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path suite;
    @TempDir
    Path results;

    @Test
    void finishedCaseIsOnDiskWithNestedStepsLabelsAndAttachments() throws IOException {
        AllureRunObserver observer = new AllureRunObserver(results, Map.of());
        observer.runStarted("virtual", 42L, Map.of("rig", "virtual"));
        CaseRecorder recorder = observer.caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 42L);

        recorder.stepStarted("provision");
        recorder.stepFinished(Status.PASSED, null);
        recorder.stepStarted("upload");
        recorder.stepStarted("fault: power-cut");
        recorder.attach("serial transcript", "text/plain", "smp> upload 50%".getBytes(StandardCharsets.UTF_8));
        recorder.stepFinished(Status.PASSED, "cut at byte 65536");
        recorder.stepFinished(Status.PASSED, null);
        recorder.stepStarted("recovery");
        recorder.stepFinished(Status.FAILED, "still in recovery mode after 30 s");
        recorder.attach("device log", "text/plain", "boot: slot 0".getBytes(StandardCharsets.UTF_8));
        recorder.label("seed", "42");
        recorder.label("owner", "vv-team");
        recorder.finished(Outcome.of(FailureCode.WRONG_IMAGE, "device did not come back on a verified image"),
                new AssertionError("boom"));

        // The design's promise: on disk as soon as finished() returns, before the run ends.
        JsonNode result = onlyResult();
        assertThat(result.get("name").asText()).isEqualTo("UPD-PWR-050: Power lost at 50 % of the image upload");
        assertThat(result.get("fullName").asText()).isEqualTo("power/upd-pwr-050.yaml#UPD-PWR-050");
        assertThat(result.get("testCaseId").asText()).isEqualTo("UPD-PWR-050");
        assertThat(result.get("historyId").asText()).isEqualTo("UPD-PWR-050");
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("stage").asText()).isEqualTo("finished");
        assertThat(result.get("statusDetails").get("message").asText())
                .isEqualTo("WRONG_IMAGE: device did not come back on a verified image");
        assertThat(labels(result, "failure-code")).containsExactly("WRONG_IMAGE");
        assertThat(result.get("statusDetails").get("trace").asText()).contains("AssertionError: boom");
        assertThat(result.get("stop").asLong()).isGreaterThanOrEqualTo(result.get("start").asLong());

        assertThat(labels(result, "requirement")).containsExactly("SRS-UPD-12", "SRS-UPD-14");
        assertThat(labels(result, "risk")).containsExactly("HAZ-07");
        assertThat(labels(result, "rig")).containsExactly("virtual");
        assertThat(labels(result, "seed")).containsExactly("42");
        assertThat(labels(result, "epic")).containsExactly("Update robustness");
        assertThat(labels(result, "feature")).containsExactly("power");
        assertThat(labels(result, "story")).containsExactly("Power lost at 50 % of the image upload");
        assertThat(labels(result, "parentSuite")).containsExactly("virtual");
        assertThat(labels(result, "suite")).containsExactly("power");
        assertThat(labels(result, "framework")).containsExactly("hil");
        assertThat(labels(result, "owner")).containsExactly("vv-team");
        assertThat(labels(result, "host")).hasSize(1);
        assertThat(labels(result, "thread")).hasSize(1);

        assertThat(result.get("description").asText())
                .contains("power/upd-pwr-050.yaml", "images/app-1.0.0.signed", "images/app-1.1.0.signed",
                        "power-cut {at={transferred=50%}, off-for=2s} (line 7)", "therapy=idle",
                        "the given image or the update image within 30 s", "hash must match");

        JsonNode steps = result.get("steps");
        assertThat(names(steps)).containsExactly("provision", "upload", "recovery");
        assertThat(statuses(steps)).containsExactly("passed", "passed", "failed");
        assertThat(steps.get(2).get("statusDetails").get("message").asText()).isEqualTo("still in recovery mode after 30 s");
        JsonNode fault = steps.get(1).get("steps").get(0);
        assertThat(fault.get("name").asText()).isEqualTo("fault: power-cut");
        assertThat(fault.get("statusDetails").get("message").asText()).isEqualTo("cut at byte 65536");
        assertThat(fault.get("stop").asLong()).isGreaterThanOrEqualTo(fault.get("start").asLong());
        assertThat(steps.get(1).get("attachments")).isEmpty();

        JsonNode transcript = fault.get("attachments").get(0);
        assertThat(transcript.get("name").asText()).isEqualTo("serial transcript");
        assertThat(transcript.get("type").asText()).isEqualTo("text/plain");
        assertThat(transcript.get("source").asText()).endsWith("-attachment.txt");
        assertThat(results.resolve(transcript.get("source").asText())).hasContent("smp> upload 50%");
        JsonNode log = result.get("attachments").get(0);
        assertThat(log.get("name").asText()).isEqualTo("device log");
        assertThat(results.resolve(log.get("source").asText())).hasContent("boot: slot 0");
    }

    @Test
    void attachmentFileIsWrittenBeforeTheCaseEnds() throws IOException {
        CaseRecorder recorder = new AllureRunObserver(results, Map.of())
                .caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L);
        recorder.stepStarted("upload");
        recorder.attach("image hashes", "application/json", "{\"sha256\":\"ab\"}".getBytes(StandardCharsets.UTF_8));

        try (Stream<Path> files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .singleElement().asString().endsWith("-attachment.json");
        }
    }

    @Test
    void openStepsAreClosedAsBrokenWithANote() throws IOException {
        CaseRecorder recorder = new AllureRunObserver(results, Map.of())
                .caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L);
        recorder.stepStarted("upload");
        recorder.stepStarted("fault: power-cut");
        recorder.finished(Outcome.of(FailureCode.RIG_FAULT, "rig lost the serial port"), null);

        JsonNode upload = onlyResult().get("steps").get(0);
        assertThat(upload.get("status").asText()).isEqualTo("broken");
        assertThat(upload.get("statusDetails").get("message").asText()).isEqualTo(AllureCase.UNCLOSED_STEP_NOTE);
        JsonNode fault = upload.get("steps").get(0);
        assertThat(fault.get("status").asText()).isEqualTo("broken");
        assertThat(fault.get("stop").isNumber()).isTrue();
        assertThat(onlyResult().get("status").asText()).isEqualTo("broken");
    }

    private static Outcome outcome(Status status) {
        return switch (status) {
            case PASSED -> Outcome.PASSED;
            case SKIPPED -> Outcome.skipped("not for this rig");
            case FAILED -> Outcome.of(FailureCode.WRONG_IMAGE, "wrong image");
            case BROKEN -> Outcome.of(FailureCode.RIG_FAULT, "rig fault");
        };
    }

    @Test
    void everyStatusMapsToItsAllureName() throws IOException {
        for (Status status : Status.values()) {
            Path dir = results.resolve(status.name());
            new AllureRunObserver(dir, Map.of()).caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L)
                    .finished(outcome(status), null);
            try (Stream<Path> files = Files.list(dir)) {
                JsonNode result = JSON.readTree(files.findFirst().orElseThrow().toFile());
                assertThat(result.get("status").asText()).isEqualTo(status.name().toLowerCase());
            }
        }
    }

    @Test
    void failedCaseWithoutMessageStillGetsOneSoCategoriesMatch() throws IOException {
        new AllureRunObserver(results, Map.of()).caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L)
                .finished(Outcome.of(FailureCode.WRONG_IMAGE, null), null);
        String message = onlyResult().get("statusDetails").get("message").asText();
        assertThat(message).matches(DefectCategories.PRODUCT_DEFECT_REGEX);
    }

    @Test
    void sweepPointsBecomeParametersAndHistoryKeyWhileSeedDoesNotSplitHistory() throws IOException {
        Scenario base = Scenarios.powerCutAtHalf(suite);
        Scenario point = base.withPoint("[30%]", base.faults(),
                Map.of("power-cut.at.transferred", "30%", "a-first", "x"));
        new AllureRunObserver(results, Map.of()).caseStarted(point, "virtual", 7L).finished(Outcome.PASSED, null);

        JsonNode result = onlyResult();
        assertThat(result.get("historyId").asText()).isEqualTo("UPD-PWR-050[30%][a-first=x;power-cut.at.transferred=30%]");
        JsonNode params = result.get("parameters");
        assertThat(names(params)).containsExactly("a-first", "power-cut.at.transferred", "seed");
        assertThat(params.get(2).get("value").asText()).isEqualTo("7");
        assertThat(params.get(2).get("excluded").asBoolean()).isTrue();
        assertThat(result.get("description").asText()).contains("Sweep point: {a-first=x, power-cut.at.transferred=30%}");
    }

    @Test
    void privateKeysAreNeverAttached() throws IOException {
        CaseRecorder recorder = new AllureRunObserver(results, Map.of())
                .caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L);
        byte[] key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> recorder.attach("signing key", "text/plain", key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signing key");
        recorder.attach("public key", "text/plain", "-----BEGIN PUBLIC KEY-----".getBytes(StandardCharsets.US_ASCII));
        recorder.finished(Outcome.PASSED, null);

        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
            }
        }
        assertThat(onlyResult().get("attachments")).hasSize(1);
    }

    @Test
    void recorderRejectsUseAfterFinishAndUnbalancedSteps() {
        CaseRecorder recorder = new AllureRunObserver(results, Map.of())
                .caseStarted(Scenarios.powerCutAtHalf(suite), "virtual", 1L);
        assertThatThrownBy(() -> recorder.stepFinished(Status.PASSED, null)).isInstanceOf(IllegalStateException.class);
        recorder.finished(Outcome.PASSED, null);
        assertThatThrownBy(() -> recorder.stepStarted("late")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> recorder.finished(Outcome.PASSED, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoCasesOnTwoThreadsKeepTheirOwnSteps() throws Exception {
        AllureRunObserver observer = new AllureRunObserver(results, Map.of());
        Scenario base = Scenarios.powerCutAtHalf(suite);
        CyclicBarrier lockstep = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> cases = new ArrayList<>();
            for (String who : List.of("A", "B")) {
                Scenario scenario = base.withPoint("-" + who, base.faults(), Map.of("case", who));
                cases.add(pool.submit(() -> {
                    CaseRecorder recorder = observer.caseStarted(scenario, "virtual", 1L);
                    // The barrier interleaves both cases step by step, the worst case for shared state.
                    for (int i = 0; i < 20; i++) {
                        lockstep.await(5, TimeUnit.SECONDS);
                        recorder.stepStarted(who + "-outer-" + i);
                        lockstep.await(5, TimeUnit.SECONDS);
                        recorder.stepStarted(who + "-inner-" + i);
                        recorder.attach(who + "-log-" + i, "text/plain", (who + i).getBytes(StandardCharsets.UTF_8));
                        lockstep.await(5, TimeUnit.SECONDS);
                        recorder.stepFinished(Status.PASSED, null);
                        recorder.stepFinished(Status.PASSED, null);
                    }
                    recorder.finished(Outcome.PASSED, null);
                    return null;
                }));
            }
            for (Future<?> c : cases) {
                c.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> written = resultFiles();
        assertThat(written).hasSize(2);
        for (JsonNode result : written) {
            String who = result.get("testCaseId").asText().substring("UPD-PWR-050-".length());
            JsonNode steps = result.get("steps");
            assertThat(steps).hasSize(20);
            for (int i = 0; i < 20; i++) {
                JsonNode outer = steps.get(i);
                assertThat(outer.get("name").asText()).isEqualTo(who + "-outer-" + i);
                assertThat(outer.get("steps")).hasSize(1);
                JsonNode inner = outer.get("steps").get(0);
                assertThat(inner.get("name").asText()).isEqualTo(who + "-inner-" + i);
                JsonNode attachment = inner.get("attachments").get(0);
                assertThat(results.resolve(attachment.get("source").asText())).hasContent(who + i);
            }
        }
    }

    @Test
    void runFilesDescribeEnvironmentExecutorAndCategories() throws IOException {
        AllureRunObserver observer = new AllureRunObserver(results, Map.of(
                "GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.example",
                "GITHUB_REPOSITORY", "lab/hil", "GITHUB_RUN_ID", "9001", "GITHUB_RUN_NUMBER", "17",
                "GITHUB_WORKFLOW", "nightly"));
        observer.runStarted("virtual", 42L, Map.of("rig", "virtual", "harness", "0.1.0", "seed", "42",
                "note", "µ-controller = STM32"));
        observer.runFinished();

        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(results.resolve("environment.properties"))) {
            env.load(in); // Latin-1 with \\u escapes, the way Allure reads it
        }
        assertThat(env).containsEntry("rig", "virtual").containsEntry("harness", "0.1.0").containsEntry("seed", "42")
                .containsEntry("note", "µ-controller = STM32")
                .containsEntry("java.version", System.getProperty("java.version") + " ("
                        + System.getProperty("java.vendor") + ")")
                .containsKeys("os", "hostname");
        assertThat(Files.readAllLines(results.resolve("environment.properties"), StandardCharsets.ISO_8859_1))
                .isSorted().noneMatch(line -> line.startsWith("#"));

        JsonNode executor = JSON.readTree(results.resolve("executor.json").toFile());
        assertThat(executor.get("name").asText()).isEqualTo("hil");
        assertThat(executor.get("type").asText()).isEqualTo("github");
        assertThat(executor.get("buildName").asText()).isEqualTo("nightly #17");
        assertThat(executor.get("buildOrder").asLong()).isEqualTo(17L);
        assertThat(executor.get("buildUrl").asText()).isEqualTo("https://github.example/lab/hil/actions/runs/9001");

        JsonNode categories = JSON.readTree(results.resolve("categories.json").toFile());
        assertThat(names(categories)).containsExactlyInAnyOrder(DefectCategories.PRODUCT_DEFECT,
                DefectCategories.HARNESS_ERROR, DefectCategories.BUDGET);
        for (JsonNode category : categories) {
            String status = category.get("matchedStatuses").get(0).asText();
            assertThat(status).isEqualTo(category.get("name").asText().equals(DefectCategories.HARNESS_ERROR)
                    ? "broken" : "failed");
        }
        try (Stream<Path> files = Files.list(results)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("environment.properties", "executor.json", "categories.json",
                            "traceability.csv", "traceability.html");
        }
    }

    private JsonNode onlyResult() throws IOException {
        List<JsonNode> written = resultFiles();
        assertThat(written).hasSize(1);
        return written.get(0);
    }

    private List<JsonNode> resultFiles() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                out.add(JSON.readTree(file.toFile()));
            }
        }
        return out;
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.get("labels").forEach(l -> {
            if (l.get("name").asText().equals(name)) {
                values.add(l.get("value").asText());
            }
        });
        return values;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }

    private static List<String> statuses(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("status").asText()));
        return out;
    }
}
