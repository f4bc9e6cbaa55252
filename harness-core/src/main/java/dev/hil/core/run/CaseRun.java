package dev.hil.core.run;

import dev.hil.core.device.Device;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.rig.Rig;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.Durations;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One run of one scenario: what its steps share (rig, timeline, images, armed faults, what recovery
 * learned) and everything that must be released when it ends ({@link #cleanup}).
 */
final class CaseRun implements FaultContext {
    final Rig rig;
    final Scenario scenario;
    final CaseRecorder recorder;
    final Consumer<String> progress;
    final Timeline timeline = new Timeline();
    final CaseCleanup cleanup = new CaseCleanup();
    final CaseImages images;
    final ArmedFaults faults;
    final RecoverySummary summary = new RecoverySummary();
    final DeviceAnswer answer;
    private final long seed;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fault-scheduler");
        t.setDaemon(true);
        return t;
    });
    private volatile long updateStart;
    /** The device refused the update in the protocol (a pass for a {@code rejected} scenario). */
    boolean refusedByDevice;

    CaseRun(Rig rig, FaultCatalog catalog, long seed, Consumer<String> progress, Scenario scenario,
            CaseRecorder recorder) {
        this.rig = rig;
        this.scenario = scenario;
        this.recorder = recorder;
        this.progress = progress;
        this.seed = seed;
        // Registered first, undone last: whatever else fails, the rig is left off.
        cleanup.opened("power off", () -> {
            rig.power().off();
            timeline.record(new TimelineEvent.PowerChanged(false, "end of scenario"));
        });
        cleanup.opened("stop the fault scheduler", scheduler::shutdownNow);
        this.images = new CaseImages(scenario, rig.trust());
        this.faults = new ArmedFaults(catalog, this);
        this.answer = new DeviceAnswer(rig, faults, summary);
    }

    Device device() {
        return rig.device();
    }

    void execute() {
        Scenario.TimeBudget checkBudget = scenario.then().signatureCheck();
        SignatureBudget checks = checkBudget == null ? null : new SignatureBudget(checkBudget, rig.phases());
        AutoCloseable logSubscription = rig.log().onLine(line -> {
            long at = timeline.now();
            timeline.record(new TimelineEvent.DeviceLogged(line));
            if (checks != null) {
                checks.line(at, line);
            }
        });
        cleanup.opened("stop reading the device log", logSubscription::close);
        AutoCloseable benchSubscription = rig.onBenchEvent(timeline::record);
        cleanup.opened("stop recording bench events", benchSubscription::close);
        device().onTranscript(line -> timeline.record(new TimelineEvent.Transcribed(line)));
        cleanup.opened("stop the transcript", () -> device().onTranscript(line -> { }));
        recorder.label("seed", Long.toString(seed));
        images.load();
        faults.build(scenario.faults());
        step("provision " + images.name(ImageRole.GIVEN), new Provisioning(this)::run);
        step("update to " + images.name(ImageRole.UPDATE), () -> {
            updateStart = timeline.now();
            if (checks != null) {
                checks.startMeasuring();
            }
            new UpdateStep(this).run();
        });
        step("recovery", new RecoveryStep(this)::run);
        step("verify", new ImageVerdict(this)::run);
        if (checks != null) {
            step("signature checks within " + Durations.human(checkBudget.within()), () -> checks.judge(timeline));
        }
    }

    void note(String topic, String text) {
        timeline.record(new TimelineEvent.Note(topic, text));
    }

    private void step(String name, Runnable body) {
        progress.accept(name);
        recorder.stepStarted(name);
        timeline.record(new TimelineEvent.StepStarted(name));
        try {
            body.run();
            recorder.stepFinished(Status.PASSED, null);
        } catch (ScenarioFailure f) {
            recorder.stepFinished(f.status(), f.getMessage());
            throw f;
        } catch (RuntimeException e) {
            recorder.stepFinished(Status.BROKEN, e.toString());
            throw e;
        }
    }

    void attachEvidence() {
        attach("serial transcript (SMP, decoded)", timeline.render(TimelineEvent.Transcribed.class));
        attach("device log", timeline.render(TimelineEvent.DeviceLogged.class));
        attach("timeline", timeline.render());
        recorder.timeline(timeline);
        attach("image hashes", images.report());
    }

    private void attach(String name, String text) {
        recorder.attach(name, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    // --- FaultContext ------------------------------------------------------------------------------

    @Override
    public Rig rig() {
        return rig;
    }

    @Override
    public Timeline timeline() {
        return timeline;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public long updateStartNanos() {
        return updateStart;
    }

    @Override
    public long updateImageBytes() {
        return images.get(ImageRole.UPDATE).size();
    }

    @Override
    public long seed() {
        return seed;
    }
}
