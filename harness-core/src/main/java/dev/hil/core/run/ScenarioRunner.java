package dev.hil.core.run;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.image.Verdict;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.rig.Rig;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.Durations;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Carries out one scenario on a rig: provision the given image through the update protocol,
 * run the update with the faults armed, wait for recovery within the budget, and verify what the
 * device came back on, hash and signature, against the images the scenario allows.
 */
public final class ScenarioRunner {
    private static final Duration POLL = Duration.ofMillis(100);
    /** How often the update client tries again after link faults before it gives up. */
    private static final int UPDATE_ATTEMPTS = 4;
    /** How long a fault may stay in effect (e.g. power off) before the harness calls it stuck. */
    private static final Duration FAULT_SETTLE_LIMIT = Duration.ofMinutes(5);

    private final Rig rig;
    private final FaultCatalog catalog;
    private final long seed;
    private final Consumer<String> progress;

    /** {@code progress} receives short phase lines ("upload 4096/24576 B") for a terminal. */
    public ScenarioRunner(Rig rig, FaultCatalog catalog, long seed, Consumer<String> progress) {
        this.rig = rig;
        this.catalog = catalog;
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Runs the case, undoes whatever it opened or armed (power off always attempted), attaches its
     * evidence and finishes the recorder (which writes the result). Never throws for the case's
     * sake: a failure anywhere becomes the case's result, so the suite goes on.
     */
    public Outcome run(Scenario scenario, CaseRecorder recorder) {
        Case c = new Case(scenario, recorder);
        Outcome outcome;
        Throwable failure = null;
        try {
            c.execute();
            outcome = Outcome.PASSED;
        } catch (ScenarioFailure f) {
            outcome = f.outcome();
            failure = f.getCause() != null ? f.getCause() : null;
        } catch (RuntimeException | Error e) {
            outcome = Outcome.of(FailureCode.HARNESS_ERROR, "harness error: " + e);
            failure = e;
        }
        List<CaseCleanup.Failure> cleanupFailures = c.cleanup.closeAll();
        if (!cleanupFailures.isEmpty()) {
            outcome = Outcome.of(FailureCode.CLEANUP_FAILED, cleanupMessage(cleanupFailures, outcome));
            Throwable cause = CaseCleanup.combined(cleanupFailures);
            if (failure != null && failure != cause) {
                cause.addSuppressed(failure);
            }
            failure = cause;
        }
        c.timeline.record(new TimelineEvent.Verdict(outcome.status(), outcome.code(), outcome.message()));
        try {
            c.attachEvidence();
            recorder.recovery(c.recovery());
        } catch (RuntimeException e) {
            // The result matters more than its attachments: it is still written, broken.
            outcome = Outcome.of(FailureCode.HARNESS_ERROR, "cannot attach the case's evidence: " + e
                    + (outcome.message() == null ? "" : "; the case was " + outcome.status() + ": " + outcome.message()));
            failure = e;
        }
        recorder.finished(outcome, failure);
        return outcome;
    }

    private static String cleanupMessage(List<CaseCleanup.Failure> failures, Outcome before) {
        StringBuilder m = new StringBuilder("cleanup failed, the rig may not be in a safe state: ");
        for (int i = 0; i < failures.size(); i++) {
            m.append(i == 0 ? "" : "; ").append(failures.get(i));
        }
        if (before.status() != Status.PASSED) {
            m.append(" (before cleanup the case was ").append(before.status()).append(": ").append(before.message())
                    .append(')');
        }
        return m.toString();
    }

    /** One run of one scenario; holds everything that must be released when it ends. */
    private final class Case implements FaultContext {
        final Scenario scenario;
        final CaseRecorder recorder;
        final Timeline timeline = new Timeline();
        final CaseCleanup cleanup = new CaseCleanup();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-scheduler");
            t.setDaemon(true);
            return t;
        });
        final List<Fault> faults = new ArrayList<>();
        final List<Fault> fired = Collections.synchronizedList(new ArrayList<>());
        final Map<ImageRole, FirmwareImage> images = new EnumMap<>(ImageRole.class);
        final StringBuilder imageReport = new StringBuilder();
        /** Image check times from the device log, from the update on; null without a signature-check budget. */
        SignatureCheckTimes signatureChecks;
        volatile boolean measuringChecks;
        volatile long updateStart;
        boolean refusedByDevice;
        // What the sweep heatmap needs (Recovery); set as the recovery and verify steps learn it.
        Duration recoveryBudget;
        Duration recoveredIn;
        Recovery.Landing landing;
        boolean lastWaitHeardNothing;

        Case(Scenario scenario, CaseRecorder recorder) {
            this.scenario = scenario;
            this.recorder = recorder;
            // Registered first, undone last: whatever else fails, the rig is left off.
            cleanup.opened("power off", () -> {
                rig.power().off();
                timeline.record(new TimelineEvent.PowerChanged(false, "end of scenario"));
            });
            cleanup.opened("stop the fault scheduler", scheduler::shutdownNow);
        }

        Device device() {
            return rig.device();
        }

        void execute() {
            Scenario.TimeBudget checkBudget = scenario.then().signatureCheck();
            if (checkBudget != null) {
                try {
                    signatureChecks = new SignatureCheckTimes(rig.phases());
                } catch (IllegalArgumentException e) {
                    throw ScenarioFailure.broken(FailureCode.BAD_INPUT, checkBudget.mark() + ": signature-check: " + e.getMessage(), e);
                }
            }
            AutoCloseable logSubscription = rig.log().onLine(line -> {
                long at = timeline.now();
                timeline.record(new TimelineEvent.DeviceLogged(line));
                if (measuringChecks) {
                    signatureChecks.line(at, line);
                }
            });
            cleanup.opened("stop reading the device log", logSubscription::close);
            device().onTranscript(line -> timeline.record(new TimelineEvent.Transcribed(line)));
            cleanup.opened("stop the transcript", () -> device().onTranscript(line -> { }));
            recorder.label("seed", Long.toString(seed));
            loadImages();
            buildFaults();
            step("provision " + name(ImageRole.GIVEN), this::provision);
            step("update to " + name(ImageRole.UPDATE), this::update);
            step("recovery", this::recover);
            step("verify", this::verify);
            if (checkBudget != null) {
                step("signature checks within " + human(checkBudget.within()), () -> checkSignatureTimes(checkBudget));
            }
        }

        private TimelineEvent.Note note(String topic, String text) {
            return new TimelineEvent.Note(topic, text);
        }

        /** What the fault saw, with the image bytes that had left the host at that instant. */
        private TimelineEvent.FaultFired fired(Fault f, String observed) {
            long total = rig.link().imageBytesTotal();
            return new TimelineEvent.FaultFired(f.kind(), f.trigger().describe(), observed,
                    total > 0 ? java.util.OptionalLong.of(rig.link().imageBytesWritten()) : java.util.OptionalLong.empty(),
                    total > 0 ? java.util.OptionalLong.of(total) : java.util.OptionalLong.empty());
        }

        private String name(ImageRole role) {
            Path file = role == ImageRole.GIVEN ? scenario.given().running() : scenario.when().updateImage();
            return scenario.suiteRoot().relativize(file).toString();
        }

        private void loadImages() {
            load(ImageRole.GIVEN, scenario.given().running());
            load(ImageRole.UPDATE, scenario.when().updateImage());
        }

        private void load(ImageRole role, Path file) {
            try {
                FirmwareImage img = FirmwareImage.read(file);
                images.put(role, img);
                Verdict v = rig.trust().verify(img);
                imageReport.append(String.format("%-7s %s%n        version %s, %d bytes%n        image hash %s%n"
                                + "        trust key %s: %s%n", role.yamlName(), name(role), img.version(), img.size(),
                        img.hashHex(), rig.trust().fingerprint(), v.valid() ? "valid (" + v.reason() + ")" : "INVALID: " + v.reason()));
            } catch (IOException | ImageFormatException e) {
                throw ScenarioFailure.broken(FailureCode.BAD_INPUT, "cannot read " + role.yamlName() + " image: " + e.getMessage(), e);
            }
        }

        private void buildFaults() {
            for (FaultSpec spec : scenario.faults()) {
                try {
                    faults.add(catalog.create(spec));
                } catch (IllegalArgumentException e) {
                    throw ScenarioFailure.broken(FailureCode.BAD_INPUT, e.getMessage(), e);
                }
            }
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

        // --- provision -------------------------------------------------------------------------

        private void provision() {
            FirmwareImage given = images.get(ImageRole.GIVEN);
            rig.power().off();
            rig.eraseDevice();
            rig.power().on();
            timeline.record(new TimelineEvent.PowerChanged(true, "flash erased"));
            List<ImageSlot> list = awaitAnswer("device answers after power-on", rig.bootBudget(), l -> true);
            if (active(list).isEmpty()) {
                timeline.record(note("provision", "no active image (recovery mode): uploading " + name(ImageRole.GIVEN)));
                upload(given);
                device().reset();
                timeline.record(note("provision", "reset"));
                list = awaitAnswer("device boots the provisioned image", rig.bootBudget(), l -> active(l).isPresent());
            }
            ImageSlot running = active(list).orElseThrow();
            if (!MessageDigest.isEqual(running.hash(), given.hash())) {
                throw ScenarioFailure.failed(FailureCode.PROVISIONING_FAILED, "provisioning: device runs " + running + " instead of the given image "
                        + name(ImageRole.GIVEN) + " (hash " + given.hashHex() + ")");
            }
            device().confirm(given.hash());
            timeline.record(note("provision", "running and confirmed: " + running));
            if (!scenario.given().state().isEmpty()) {
                try {
                    device().applyState(scenario.given().state());
                } catch (DeviceException e) {
                    throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "cannot bring the device into state " + scenario.given().state()
                            + ": " + e.getMessage(), e);
                }
                timeline.record(note("provision", "device state set: " + scenario.given().state()));
            }
        }

        private void upload(FirmwareImage image) {
            long[] last = {-1};
            timeline.record(new TimelineEvent.UploadStarted(image.size()));
            device().upload(image, acked -> {
                timeline.record(new TimelineEvent.UploadAcked(acked, image.size()));
                if (interruptingFaultFired(0)) {
                    // A reset leaves the link up, so the restarted device may answer a re-sent chunk
                    // (off=0) and the client would upload it all again: it gives up, as after a power cut.
                    throw new FaultFired("the update client gives up: the device answered again after "
                            + "a fault that interrupts the update (acknowledged offset " + acked + ")");
                }
                // A progress line every 10 % keeps the transcript readable.
                long decile = acked * 10 / Math.max(1, image.size());
                if (decile != last[0]) {
                    last[0] = decile;
                    progress.accept("upload " + acked + "/" + image.size() + " B");
                }
            });
        }

        // --- update with faults ----------------------------------------------------------------

        private void update() {
            FirmwareImage update = images.get(ImageRole.UPDATE);
            updateStart = timeline.now();
            measuringChecks = signatureChecks != null;
            for (Fault f : faults) {
                cleanup.opened("release " + f.kind() + " at " + f.trigger().describe(), () -> {
                    f.trigger().disarm();
                    f.release(this);
                });
                try {
                    f.trigger().arm(this, observed -> {
                        timeline.record(fired(f, observed));
                        fired.add(f);
                        f.inject(this, observed);
                    });
                } catch (IllegalArgumentException e) {
                    throw ScenarioFailure.broken(FailureCode.BAD_INPUT, f.kind() + " at " + f.trigger().describe() + ": " + e.getMessage(), e);
                }
                timeline.record(new TimelineEvent.FaultArmed(f.kind(), f.trigger().describe()));
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    updateFlow(update);
                    return;
                } catch (DeviceException | LinkDownException | FaultFired e) {
                    if (interruptingFaultFired(0)) {
                        timeline.record(note("update", "interrupted by the injected fault: " + e.getMessage()));
                        return;
                    }
                    if (!fired.isEmpty() && attempt < UPDATE_ATTEMPTS) {
                        // A link fault: like a real update client, wait until the link is back and resume.
                        timeline.record(note("update", "attempt " + attempt + " failed during a link fault ("
                                + e.getMessage() + "); retrying when the fault is over"));
                        awaitFaultsSettled();
                        rig.link().discardInput();
                        continue;
                    }
                    if (fired.isEmpty() && scenario.then().rejected() && e instanceof DeviceException d
                            && d.kind() == DeviceException.Kind.REFUSED) {
                        refusedByDevice = true;
                        timeline.record(note("update", "refused by the device: " + e.getMessage()));
                        return;
                    }
                    if (fired.isEmpty()) {
                        throw ScenarioFailure.failed(updateCode(e), "update failed with no fault injected: " + e.getMessage());
                    }
                    throw ScenarioFailure.failed(updateCode(e), "update did not complete after the link faults ended ("
                            + UPDATE_ATTEMPTS + " attempts): " + e.getMessage());
                }
            }
        }

        /** Upload, mark for test, reset, wait for the boot, confirm if the update runs. */
        private void updateFlow(FirmwareImage update) {
            upload(update);
            timeline.record(new TimelineEvent.UploadCompleted(update.size()));
            if (scenario.when().authorize() == Scenario.Authorize.AFTER_UPLOAD) {
                authorize();
            }
            device().test(update.hash());
            timeline.record(note("update", "marked for test boot"));
            device().reset();
            timeline.record(note("update", "reset"));
            List<ImageSlot> list = awaitAnswer("device boots after the update reset", rig.bootBudget(),
                    l -> active(l).isPresent());
            ImageSlot running = active(list).orElseThrow();
            if (MessageDigest.isEqual(running.hash(), update.hash())) {
                device().confirm(update.hash());
                timeline.record(note("update", "update running, confirmed by the harness: " + running));
            } else {
                timeline.record(note("update", "device did not boot the update; running " + running));
            }
        }

        /** A device that refused a step had its say; anything else (timeouts, lost link) kept the update from completing. */
        private FailureCode updateCode(RuntimeException e) {
            return e instanceof DeviceException d && d.kind() == DeviceException.Kind.REFUSED
                    ? FailureCode.DEVICE_REFUSED : FailureCode.UPDATE_FAILED;
        }

        /** The harness acts as the therapy owner and releases the device's update lock. */
        private void authorize() {
            try {
                device().authorizeUpdate();
            } catch (DeviceException e) {
                if (e.kind() != DeviceException.Kind.REFUSED) {
                    throw e; // lost link or device: handled like any failure during the update
                }
                throw ScenarioFailure.failed(FailureCode.DEVICE_REFUSED, "the device refused the update authorization after upload: "
                        + e.getMessage());
            }
            timeline.record(note("update", "update authorized by the harness as the therapy owner"));
        }

        /** Whether a fault that makes the update client give up fired, among those from index {@code from} on. */
        private boolean interruptingFaultFired(int from) {
            synchronized (fired) { // faults fire on other threads
                return fired.stream().skip(from).anyMatch(Fault::interruptsUpdate);
            }
        }

        // --- recovery --------------------------------------------------------------------------

        private void recover() {
            Duration within = scenario.then().within() != null ? scenario.then().within() : rig.bootBudget();
            recoveryBudget = within;
            while (true) {
                awaitFaultsSettled();
                if (!rig.power().isOn()) {
                    rig.power().on(); // a fault that left power off (none does by design) must not hide the device
                    timeline.record(new TimelineEvent.PowerChanged(true, "restored by the harness after the faults"));
                }
                long start = timeline.now();
                try {
                    List<ImageSlot> list = awaitAnswer("device back on an image within " + human(within)
                            + " of the last fault ending (power restored, reset released)", within,
                            l -> active(l).isPresent());
                    if (faults.stream().anyMatch(Fault::active)) {
                        continue; // a fault landed while we looked: the budget starts again when it ends
                    }
                    timeline.record(new TimelineEvent.Recovered(Duration.ofNanos(timeline.now() - start), within,
                            active(list).orElseThrow().toString()));
                    recoveredIn = Duration.ofNanos(timeline.now() - start);
                    landing = landingOf(active(list).orElseThrow());
                    break;
                } catch (FaultFired again) {
                    timeline.record(note("recovery", "another fault landed during recovery; budget restarts after it"));
                }
            }
            for (Fault f : faults) {
                f.trigger().disarm();
                if (!fired.contains(f)) {
                    throw ScenarioFailure.failed(FailureCode.FAULT_NEVER_FIRED, f.kind() + " at " + f.trigger().describe()
                            + " never fired: the device never reached that point during the update");
                }
            }
        }

        private void awaitFaultsSettled() {
            try {
                await("injected faults end").atMost(FAULT_SETTLE_LIMIT).pollInterval(Duration.ofMillis(10))
                        .until(() -> faults.stream().noneMatch(Fault::active));
            } catch (ConditionTimeoutException e) {
                throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "an injected fault was still in effect after " + human(FAULT_SETTLE_LIMIT), e);
            }
        }

        // --- verify ----------------------------------------------------------------------------

        private void verify() {
            List<ImageSlot> list = device().images();
            timeline.record(note("verify", "image list: " + list));
            ImageSlot running = active(list).orElseThrow(() -> {
                landing = Recovery.Landing.NO_ACTIVE_IMAGE;
                return ScenarioFailure.failed(FailureCode.NO_ACTIVE_IMAGE, "device reports no active image after recovery (image list: " + list + ")");
            });
            landing = landingOf(running);
            Optional<ImageRole> actual = images.entrySet().stream()
                    .filter(e -> MessageDigest.isEqual(e.getValue().hash(), running.hash()))
                    .map(Map.Entry::getKey).findFirst();
            List<ImageRole> allowed = allowedRoles();
            if (actual.isEmpty() || !allowed.contains(actual.get())) {
                StringBuilder m = new StringBuilder("active image hash " + running.hashHex() + " (version "
                        + running.version() + ") not among expected images [");
                for (ImageRole r : allowed) {
                    m.append(r.yamlName()).append(' ').append(name(r)).append(' ')
                            .append(images.get(r).hashHex()).append(r == allowed.get(allowed.size() - 1) ? "" : ", ");
                }
                m.append(']');
                actual.ifPresent(r -> m.append("; it is the ").append(r.yamlName()).append(" image ").append(name(r)));
                boolean notRejected = scenario.then().rejected() && actual.isPresent() && actual.get() == ImageRole.UPDATE;
                if (notRejected) {
                    m.insert(0, "update was not rejected: ");
                }
                throw ScenarioFailure.failed(notRejected ? FailureCode.NOT_REJECTED : FailureCode.WRONG_IMAGE, m.toString());
            }
            timeline.record(note("verify", "active image is the " + actual.get().yamlName() + " image " + name(actual.get())));
            if (scenario.then().verified()) {
                FirmwareImage img = images.get(actual.get());
                Verdict v = rig.trust().verify(img);
                if (!v.valid()) {
                    throw ScenarioFailure.failed(FailureCode.SIGNATURE_INVALID, "the image the device runs (" + name(actual.get())
                            + ") fails the harness's own check with the trust key: " + v.reason());
                }
                timeline.record(note("verify", "harness re-checked " + name(actual.get()) + ": " + v.reason()));
            }
            if (scenario.then().rejected()) {
                timeline.record(note("verify", refusedByDevice ? "update refused by the device during the protocol"
                        : "update refused at boot; device kept the given image"));
            }
        }

        private List<ImageRole> allowedRoles() {
            if (scenario.then().rejected()) {
                return List.of(ImageRole.GIVEN);
            }
            if (scenario.then().recoversTo().isEmpty()) {
                return List.of(ImageRole.GIVEN, ImageRole.UPDATE);
            }
            return scenario.then().recoversTo().stream().sorted().toList();
        }

        // --- signature check time ----------------------------------------------------------------

        /** Every image check the device logged from the update on must have ended within the budget. */
        private void checkSignatureTimes(Scenario.TimeBudget budget) {
            measuringChecks = false;
            List<SignatureCheckTimes.Check> checks = signatureChecks.checks();
            if (checks.isEmpty()) {
                throw ScenarioFailure.failed(FailureCode.CHECK_NOT_SEEN, "no image check seen in the device log during the update (rig phases "
                        + "verify /" + rig.phases().get("verify") + "/ to verified /" + rig.phases().get("verified")
                        + "/), so its time against the budget of " + human(budget.within()) + " is unknown");
            }
            SignatureCheckTimes.Check slowest = checks.get(0);
            for (SignatureCheckTimes.Check c : checks) {
                timeline.record(new TimelineEvent.SignatureChecked(c.took(), budget.within(), c.startLine(), c.endLine()));
                if (c.took().compareTo(slowest.took()) > 0) {
                    slowest = c;
                }
            }
            if (slowest.took().compareTo(budget.within()) > 0) {
                throw ScenarioFailure.failed(FailureCode.BUDGET_OVERRUN, String.format("image check took %.0f ms, over the budget of %s"
                                + " (from '%s' to '%s'; %d check(s) measured)", slowest.took().toNanos() / 1e6,
                        human(budget.within()), slowest.startLine(), slowest.endLine(), checks.size()));
            }
        }

        // --- shared waiting --------------------------------------------------------------------

        /**
         * Polls the image list until {@code done} holds, within {@code budget}. Stops early with
         * {@link FaultFired} when a fault lands during the wait (the update client lost the device).
         */
        private List<ImageSlot> awaitAnswer(String what, Duration budget, java.util.function.Predicate<List<ImageSlot>> done) {
            AtomicReference<List<ImageSlot>> last = new AtomicReference<>();
            AtomicReference<String> lastError = new AtomicReference<>("none");
            int firedBefore = fired.size();
            try {
                await(what).atMost(budget).pollDelay(Duration.ZERO).pollInterval(POLL)
                        .failFast("a fault landed", () -> fired.size() != firedBefore)
                        .until(() -> {
                            try {
                                List<ImageSlot> l = device().images();
                                last.set(l);
                                return done.test(l);
                            } catch (DeviceException | LinkDownException e) {
                                lastError.set(e.getMessage());
                                return false;
                            }
                        });
            } catch (TerminalFailureException e) {
                throw new FaultFired("a fault landed while waiting: " + what);
            } catch (ConditionTimeoutException e) {
                lastWaitHeardNothing = last.get() == null;
                if (last.get() == null) {
                    throw ScenarioFailure.failed(FailureCode.NO_ANSWER, what + ": no answer within the budget of " + human(budget)
                            + " (last error: " + lastError.get() + ")");
                }
                // It answers, so this is not slowness: the device is not in the state it must reach.
                throw ScenarioFailure.failed(FailureCode.NO_ACTIVE_IMAGE, what + ": the device answers but did not get there in " + human(budget)
                        + " (last image list: " + describe(last.get()) + "; last error: " + lastError.get() + ")");
            }
            if (interruptingFaultFired(firedBefore)) {
                // A reset keeps the link up, so this answer may already be the restarted device's.
                throw new FaultFired("a fault landed while waiting: " + what);
            }
            return last.get();
        }

        // --- recovery summary (for sweep heatmaps) ------------------------------------------------

        private Recovery.Landing landingOf(ImageSlot running) {
            return images.entrySet().stream()
                    .filter(e -> MessageDigest.isEqual(e.getValue().hash(), running.hash()))
                    .map(e -> e.getKey() == ImageRole.GIVEN ? Recovery.Landing.GIVEN : Recovery.Landing.UPDATE)
                    .findFirst().orElse(Recovery.Landing.UNKNOWN_IMAGE);
        }

        Recovery recovery() {
            if (landing != null) {
                return new Recovery(landing, recoveredIn, recoveryBudget);
            }
            if (recoveryBudget == null) {
                return new Recovery(Recovery.Landing.NOT_REACHED, null, null);
            }
            // Recovery was awaited and never succeeded: silence is a timeout, an answer without an image a brick.
            return new Recovery(lastWaitHeardNothing ? Recovery.Landing.NO_ANSWER : Recovery.Landing.NO_ACTIVE_IMAGE,
                    null, recoveryBudget);
        }

        // --- evidence ----------------------------------------------------------------------------

        void attachEvidence() {
            attach("serial transcript (SMP, decoded)", timeline.render(TimelineEvent.Transcribed.class));
            attach("device log", timeline.render(TimelineEvent.DeviceLogged.class));
            recorder.attach("timeline", "text/plain", timeline.render().getBytes(StandardCharsets.UTF_8));
            recorder.timeline(timeline);
            recorder.attach("image hashes", "text/plain", imageReport.toString().getBytes(StandardCharsets.UTF_8));
        }

        private void attach(String name, String stampedLines) {
            recorder.attach(name, "text/plain", stampedLines.getBytes(StandardCharsets.UTF_8));
        }

        // --- FaultContext ------------------------------------------------------------------------

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

    private static Optional<ImageSlot> active(List<ImageSlot> list) {
        return list.stream().filter(ImageSlot::active).findFirst();
    }

    private static String describe(List<ImageSlot> list) {
        return list.isEmpty() ? "empty image list (recovery mode)" : list.toString();
    }

    static String human(Duration d) {
        return Durations.human(d);
    }

    /** The update client lost the device because an injected fault landed. */
    private static final class FaultFired extends RuntimeException {
        FaultFired(String message) {
            super(message, null, false, false);
        }
    }
}
