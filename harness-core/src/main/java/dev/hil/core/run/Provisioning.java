package dev.hil.core.run;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.timeline.TimelineEvent;
import java.util.List;

/**
 * The "given" step: erased flash, power on, upload the given image if the device is in recovery
 * mode, check it runs exactly that image, confirm it and set the device state the scenario names.
 */
final class Provisioning {
    private final CaseRun run;

    Provisioning(CaseRun run) {
        this.run = run;
    }

    void run() {
        try {
            provision();
        } catch (DeviceException e) {
            // The device refused or failed a step of its own protocol: its failure, not the harness's.
            throw ScenarioFailure.failed(FailureCode.PROVISIONING_FAILED, "provisioning " + run.images.name(ImageRole.GIVEN)
                    + ": the device failed: " + e.getMessage());
        } catch (LinkDownException e) {
            throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "provisioning: the link went down with power on: "
                    + e.getMessage(), e);
        }
    }

    private void provision() {
        FirmwareImage given = run.images.get(ImageRole.GIVEN);
        String name = run.images.name(ImageRole.GIVEN);
        run.rig.power().off();
        run.rig.eraseDevice();
        run.rig.power().on();
        run.timeline.record(new TimelineEvent.PowerChanged(true, "flash erased"));
        List<ImageSlot> list = run.answer.awaitImages("device answers after power-on", run.rig.bootBudget(), l -> true);
        ImageSlot running;
        if (CaseImages.active(list).isEmpty()) {
            run.note("provision", "no active image (recovery mode): uploading " + name);
            new ImageUpload(run).send(given);
            run.device().reset();
            run.note("provision", "reset");
            running = run.answer.activeImage("device boots the provisioned image", run.rig.bootBudget());
        } else {
            running = CaseImages.active(list).orElseThrow();
        }
        if (!run.images.isRunning(running, ImageRole.GIVEN)) {
            throw ScenarioFailure.failed(FailureCode.PROVISIONING_FAILED, "provisioning: device runs " + running
                    + " instead of the given image " + name + " (hash " + given.hashHex() + ")");
        }
        run.device().confirm(given.hash());
        run.note("provision", "running and confirmed: " + running);
        if (!run.scenario.given().state().isEmpty()) {
            try {
                run.device().applyState(run.scenario.given().state());
            } catch (DeviceException e) {
                throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "cannot bring the device into state "
                        + run.scenario.given().state() + ": " + e.getMessage(), e);
            }
            run.note("provision", "device state set: " + run.scenario.given().state());
        }
    }
}
