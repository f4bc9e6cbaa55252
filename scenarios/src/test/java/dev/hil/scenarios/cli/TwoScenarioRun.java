package dev.hil.scenarios.cli;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.core.timeline.TimelineEvent.DeviceLogged;
import dev.hil.core.timeline.TimelineEvent.Note;
import dev.hil.core.timeline.TimelineEvent.PowerChanged;
import dev.hil.core.timeline.TimelineEvent.Transcribed;
import java.util.OptionalLong;
import dev.hil.reports.allure.AllureRunObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
        step(r, t, "provision images/app-1.0.0.signed", () -> {
            t.record(new PowerChanged(true, "flash erased"));
            t.record(new DeviceLogged("boot: start"));
            t.record(new Note("provision", "running and confirmed: slot 0 v1.0.0"));
        });
        step(r, t, "update to images/app-1.1.0.signed", () -> {
            t.record(new TimelineEvent.FaultArmed("power-cut", "transferred 50%"));
            t.record(new TimelineEvent.UploadStarted(4096));
            t.record(new Transcribed("tx write image/upload seq=1 {image=0, len=4096, off=0, data=256B}"));
            for (int off = 256; off <= 2048; off += 256) {
                t.record(new Transcribed("rx write-rsp image/upload seq=1 {rc=0, off=" + off + "}"));
                t.record(new TimelineEvent.UploadAcked(off, 4096));
                t.record(new DeviceLogged("flash: write sector 16 off " + (off - 256) + " len 256"));
            }
            t.record(new TimelineEvent.FaultFired("power-cut", "transferred 50%",
                    "image byte 2048 of 4096 written (12 wire bytes of this frame)", OptionalLong.of(2048),
                    OptionalLong.of(4096)));
            t.record(new PowerChanged(false, "power-cut (trigger: transferred 50%; image byte 2048 of 4096 written);"
                    + " actuated in 0.4 ms"));
            t.record(new Note("update", "interrupted by the injected fault: link down"));
        });
        step(r, t, "recovery", () -> {
            t.record(new PowerChanged(true, "power-cut over after 2000 ms off"));
            t.record(new DeviceLogged("boot: slot 0 version 1.0.0"));
            t.record(new TimelineEvent.Recovered(Duration.ofMillis(412), Duration.ofSeconds(30),
                    "slot 0 v1.0.0 active confirmed"));
        });
        step(r, t, "verify", () -> t.record(new Note("verify", "active image is the given image images/app-1.0.0.signed")));
        t.record(new PowerChanged(false, "end of scenario"));
        t.record(new TimelineEvent.Verdict(Status.PASSED, null, null));
        evidence(r, t);
        r.finished(Outcome.PASSED, null);
    }

    private static void unsigned(CaseRecorder r) {
        Timeline t = new Timeline();
        step(r, t, "provision images/app-1.0.0.signed", () -> t.record(new PowerChanged(true, "flash erased")));
        step(r, t, "update to images/app-1.1.0.unsigned", () -> t.record(new TimelineEvent.UploadCompleted(4096)));
        step(r, t, "recovery", () -> t.record(new TimelineEvent.Recovered(Duration.ofMillis(90), Duration.ofSeconds(30),
                "slot 0 v1.1.0 active")));
        String failure = "update was not rejected: active image hash 38236d1c (version 1.1.0) not among expected images";
        r.stepStarted("verify");
        t.record(new TimelineEvent.StepStarted("verify"));
        r.stepFinished(Status.FAILED, failure);
        t.record(new DeviceLogged("boot: image not signed, booting anyway"));
        t.record(new TimelineEvent.Verdict(Status.FAILED, FailureCode.NOT_REJECTED, failure));
        evidence(r, t);
        r.finished(Outcome.of(FailureCode.NOT_REJECTED, failure), null);
    }

    private static void step(CaseRecorder r, Timeline t, String name, Runnable body) {
        r.stepStarted(name);
        t.record(new TimelineEvent.StepStarted(name));
        body.run();
        r.stepFinished(Status.PASSED, null);
    }

    /** As the runner attaches a case's evidence. */
    private static void evidence(CaseRecorder r, Timeline t) {
        r.attach("serial transcript (SMP, decoded)", "text/plain", t.render(Transcribed.class).getBytes(StandardCharsets.UTF_8));
        r.attach("device log", "text/plain", t.render(DeviceLogged.class).getBytes(StandardCharsets.UTF_8));
        r.attach("timeline", "text/plain", t.render().getBytes(StandardCharsets.UTF_8));
        r.timeline(t);
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
