package dev.hil.scenarios.cli;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import dev.hil.core.timeline.Timeline;
import dev.hil.reports.allure.AllureRunObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Results of a two-scenario run written through the real Allure writer, the way the runner feeds
 * it: a power cut at 50 % that passes, and an unsigned image the device wrongly accepts.
 */
final class TwoScenarioRun {
    static final String CUT_ID = "UPD-PWR-050";
    static final String UNSIGNED_ID = "UPD-SEC-UNSIGNED";

    private TwoScenarioRun() {
    }

    static void write(Path results, Path suiteRoot) {
        AllureRunObserver observer = new AllureRunObserver(results);
        observer.runStarted("virtual", 7, Map.of("rig", "virtual"));
        powerCut(observer.caseStarted(scenario(suiteRoot, CUT_ID, "Power lost at 50 % of the image upload",
                "power", List.of("SRS-UPD-12", "SRS-UPD-20"), List.of(new FaultSpec("power-cut",
                        Map.of("at", Map.of("transferred", "50%"), "off-for", "2s"),
                        new SourceMark(suiteRoot.resolve("power/x.yaml"), 9, 5)))), "virtual", 7));
        unsigned(observer.caseStarted(scenario(suiteRoot, UNSIGNED_ID, "Unsigned update image is refused",
                "security", List.of("SRS-SEC-03"), List.of()), "virtual", 7));
        observer.runFinished();
    }

    private static void powerCut(CaseRecorder r) {
        Timeline t = new Timeline();
        List<String> log = new ArrayList<>();
        List<String> transcript = new ArrayList<>();
        step(r, t, "provision images/app-1.0.0.signed", () -> {
            t.record("power", "on, flash erased");
            log.add(stamp(t, "boot: start"));
            t.record("provision", "running and confirmed: slot 0 v1.0.0");
        });
        step(r, t, "update to images/app-1.1.0.signed", () -> {
            t.record("armed", "power-cut at transferred 50%");
            transcript.add(stamp(t, "tx write image/upload seq=1 {image=0, len=4096, off=0, data=256B}"));
            for (int off = 256; off <= 2048; off += 256) {
                transcript.add(stamp(t, "rx write-rsp image/upload seq=1 {rc=0, off=" + off + "}"));
                log.add(stamp(t, "flash: write sector 16 off " + (off - 256) + " len 256"));
            }
            t.record("fault", "power-cut fired: transferred 50% at image byte 2048 of 4096 written (12 wire bytes of this frame)");
            t.record("power-cut", "power off (trigger: transferred 50%; image byte 2048 of 4096 written); actuated in 0.4 ms");
            t.record("update", "interrupted by the injected fault: link down");
        });
        step(r, t, "recovery", () -> {
            t.record("power", "power on after 2000 ms off");
            log.add(stamp(t, "boot: slot 0 version 1.0.0"));
            t.record("recovered", "in 412 ms (budget 30s): slot 0 v1.0.0 active confirmed");
        });
        step(r, t, "verify", () -> t.record("verify", "active image is the given image images/app-1.0.0.signed"));
        t.record("power", "off (end of scenario)");
        t.record("verdict", "PASSED");
        evidence(r, t, log, transcript);
        r.finished(Status.PASSED, null, null);
    }

    private static void unsigned(CaseRecorder r) {
        Timeline t = new Timeline();
        step(r, t, "provision images/app-1.0.0.signed", () -> t.record("power", "on, flash erased"));
        step(r, t, "update to images/app-1.1.0.unsigned", () -> t.record("update", "upload complete: 4096 image bytes acknowledged"));
        step(r, t, "recovery", () -> t.record("recovered", "in 90 ms (budget 30s): slot 0 v1.1.0 active"));
        String failure = "update was not rejected: active image hash 38236d1c (version 1.1.0) not among expected images";
        r.stepStarted("verify");
        t.record("step", "verify");
        r.stepFinished(Status.FAILED, failure);
        t.record("verdict", "FAILED: " + failure);
        evidence(r, t, List.of(stamp(t, "boot: image not signed, booting anyway")), List.of());
        r.finished(Status.FAILED, failure, null);
    }

    private static void step(CaseRecorder r, Timeline t, String name, Runnable body) {
        r.stepStarted(name);
        t.record("step", name);
        body.run();
        r.stepFinished(Status.PASSED, null);
    }

    /** As ScenarioRunner.Case.attachEvidence does it. */
    private static void evidence(CaseRecorder r, Timeline t, List<String> log, List<String> transcript) {
        r.attach("serial transcript (SMP, decoded)", "text/plain", lines(transcript));
        r.attach("device log", "text/plain", lines(log));
        r.attach("timeline", "text/plain", t.render().getBytes(StandardCharsets.UTF_8));
        r.timeline(t);
    }

    private static byte[] lines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String stamp(Timeline t, String line) {
        return String.format("%10.3f ms  %s", t.now() / 1e6, line);
    }

    private static Scenario scenario(Path root, String id, String title, String family, List<String> requirements,
            List<FaultSpec> faults) {
        Path file = root.resolve(family + "/" + id.toLowerCase() + ".yaml");
        return new Scenario(id, title, new Scenario.Traceability(requirements, List.of("HAZ-07")), file, root,
                new Scenario.Given(root.resolve("images/app-1.0.0.signed"), Map.of()),
                new Scenario.When(root.resolve("images/app-1.1.0.signed")), faults,
                new Scenario.Then(Set.of(ImageRole.GIVEN), Duration.ofSeconds(30), true, false), Map.of());
    }
}
