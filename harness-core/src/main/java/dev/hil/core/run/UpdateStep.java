package dev.hil.core.run;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.timeline.TimelineEvent;

/**
 * The "when" step: arm the faults, then upload, mark for test, reset, wait for the boot and
 * confirm if the update runs. Like a real update client it resumes after link faults and gives up
 * after a fault that interrupts the update (power cut, reset); a device refusal is the device's say.
 */
final class UpdateStep {
    /** How often the update client tries again after link faults before it gives up. */
    private static final int ATTEMPTS = 4;

    private final CaseRun run;

    UpdateStep(CaseRun run) {
        this.run = run;
    }

    void run() {
        FirmwareImage update = run.images.get(ImageRole.UPDATE);
        run.faults.arm();
        for (int attempt = 1; ; attempt++) {
            try {
                flow(update);
                return;
            } catch (DeviceException | LinkDownException | ArmedFaults.Landed e) {
                if (run.faults.interruptingFired(0)) {
                    run.note("update", "interrupted by the injected fault: " + e.getMessage());
                    return;
                }
                boolean faulted = run.faults.anyFired();
                if (faulted && attempt < ATTEMPTS) {
                    // A link fault: like a real update client, wait until the link is back and resume.
                    run.note("update", "attempt " + attempt + " failed during a link fault (" + e.getMessage()
                            + "); retrying when the fault is over");
                    run.faults.awaitSettled();
                    run.rig.link().discardInput();
                    continue;
                }
                if (!faulted && run.scenario.then().rejected() && refused(e)) {
                    run.refusedByDevice = true;
                    run.note("update", "refused by the device: " + e.getMessage());
                    return;
                }
                FailureCode code = refused(e) ? FailureCode.DEVICE_REFUSED : FailureCode.UPDATE_FAILED;
                if (!faulted) {
                    throw ScenarioFailure.failed(code, "update failed with no fault injected: " + e.getMessage());
                }
                throw ScenarioFailure.failed(code, "update did not complete after the link faults ended ("
                        + ATTEMPTS + " attempts): " + e.getMessage());
            }
        }
    }

    /** A device that refused a step had its say; anything else (timeouts, lost link) kept the update from completing. */
    private static boolean refused(RuntimeException e) {
        return e instanceof DeviceException d && d.kind() == DeviceException.Kind.REFUSED;
    }

    private void flow(FirmwareImage update) {
        new ImageUpload(run).send(update);
        run.timeline.record(new TimelineEvent.UploadCompleted(update.size()));
        if (run.scenario.when().authorize() == Scenario.Authorize.AFTER_UPLOAD) {
            authorize();
        }
        run.device().test(update.hash());
        run.note("update", "marked for test boot");
        run.device().reset();
        run.note("update", "reset");
        ImageSlot running = run.answer.activeImage("device boots after the update reset", run.rig.bootBudget());
        // Its boot lines may still be in flight on the log's own channel: a trigger on them must land first.
        run.rig.log().catchUp();
        if (run.images.isRunning(running, ImageRole.UPDATE)) {
            run.device().confirm(update.hash());
            run.note("update", "update running, confirmed by the harness: " + running);
        } else {
            run.note("update", "device did not boot the update; running " + running);
        }
    }

    /** The harness acts as the therapy owner and releases the device's update lock. */
    private void authorize() {
        try {
            run.device().authorizeUpdate();
        } catch (DeviceException e) {
            if (e.kind() != DeviceException.Kind.REFUSED) {
                throw e; // lost link or device: handled like any failure during the update
            }
            throw ScenarioFailure.failed(FailureCode.DEVICE_REFUSED, "the device refused the update authorization after upload: "
                    + e.getMessage());
        }
        run.note("update", "update authorized by the harness as the therapy owner");
    }
}
