package dev.hil.core.run;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.rig.ProvisionSpec;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigFault;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.timeline.TimelineEvent;
import java.util.List;
import java.util.Optional;

/**
 * The "given" step: bring the device to the given image the rig's way ({@code provision:}), check
 * it runs exactly that image, confirm it and set the device state the scenario names. A device the
 * harness launches itself is erased and takes the image in recovery mode; a real board is brought
 * there by the update flow, its bootloader's serial recovery, or an external flasher. Every case
 * says on its timeline how it was provisioned and with what result.
 */
final class Provisioning {
    /** How long reset is held: long enough for a relay to switch and a reset supervisor to see it. */
    static final java.time.Duration RESET_PULSE = java.time.Duration.ofMillis(100);

    private final CaseRun run;
    private final ProvisionSpec.Strategy strategy;

    Provisioning(CaseRun run) {
        this.run = run;
        this.strategy = run.rig.provisioning().strategy();
    }

    void run() {
        try {
            provision();
        } catch (DeviceException e) {
            if (strategy != ProvisionSpec.Strategy.ERASE) {
                throw rigFault("the device failed a step: " + e.getMessage(), e);
            }
            // The device refused or failed a step of its own protocol: its failure, not the harness's.
            throw ScenarioFailure.failed(FailureCode.PROVISIONING_FAILED, "provisioning " + run.images.name(ImageRole.GIVEN)
                    + ": the device failed: " + e.getMessage());
        } catch (LinkDownException e) {
            throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "provisioning: the link went down with power on: "
                    + e.getMessage(), e);
        } catch (RigFault e) {
            throw rigFault(e.getMessage(), e);
        }
    }

    private ScenarioFailure rigFault(String why, Exception cause) {
        String text = "provisioning " + run.images.name(ImageRole.GIVEN) + " (" + strategy.word() + "): " + why;
        run.timeline.record(new TimelineEvent.Provisioned(strategy.word(), "failed: " + why));
        return ScenarioFailure.broken(FailureCode.RIG_FAULT, text, cause);
    }

    private void provision() {
        ImageSlot running = switch (strategy) {
            case ERASE -> erased();
            case UPDATE -> updated();
            case RECOVERY -> recovered();
            case COMMAND -> flashed();
        };
        FirmwareImage given = run.images.get(ImageRole.GIVEN);
        String name = run.images.name(ImageRole.GIVEN);
        if (!run.images.isRunning(running, ImageRole.GIVEN)) {
            String why = "device runs " + running + " instead of the given image " + name + " (hash " + given.hashHex() + ")";
            if (strategy != ProvisionSpec.Strategy.ERASE) {
                throw rigFault(why, null);
            }
            throw ScenarioFailure.failed(FailureCode.PROVISIONING_FAILED, "provisioning: " + why);
        }
        run.device().confirm(given.hash());
        run.note("provision", "running and confirmed: " + running);
        run.timeline.record(new TimelineEvent.Provisioned(strategy.word(), "runs " + name + " (confirmed)"));
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

    /** A device the harness launches: erased flash, recovery mode, upload. */
    private ImageSlot erased() {
        run.rig.power().off();
        run.rig.eraseDevice();
        run.rig.power().on();
        run.timeline.record(new TimelineEvent.PowerChanged(true, "flash erased"));
        List<ImageSlot> list = answer("device answers after power-on");
        return CaseImages.active(list).orElseGet(this::uploadInRecovery);
    }

    /** The normal update flow, skipped when the board already runs the given image. */
    private ImageSlot updated() {
        powerOn("provision: update strategy");
        Optional<ImageSlot> active = CaseImages.active(answer("board answers after power-on"));
        if (active.isEmpty()) {
            return uploadInRecovery();
        }
        if (run.images.isRunning(active.get(), ImageRole.GIVEN)) {
            run.note("provision", "already runs " + run.images.name(ImageRole.GIVEN) + ": no update needed");
            return active.get();
        }
        FirmwareImage given = run.images.get(ImageRole.GIVEN);
        if (olderThanRunning(given, active.get())) {
            // A correct board refuses the downgrade: trying would only fail later and less clearly.
            throw new RigFault("the board runs v" + active.get().version() + ", newer than the given image "
                    + run.images.name(ImageRole.GIVEN) + " (v" + given.version() + "), and a correct board refuses a"
                    + " downgrade through the update flow: older images need provision: recovery or command");
        }
        run.note("provision", "board runs " + active.get() + ": updating to " + run.images.name(ImageRole.GIVEN));
        new ImageUpload(run).send(given);
        try {
            run.device().test(given.hash());
        } catch (DeviceException e) {
            throw new RigFault("the board refused to test the given image (" + e.getMessage() + "); a correct board"
                    + " refuses a downgrade, so older images need provision: recovery or command", e);
        }
        run.device().reset();
        run.note("provision", "reset into the trial boot");
        return run.answer.activeImage("board boots the given image", run.rig.bootBudget());
    }

    private static boolean olderThanRunning(FirmwareImage given, ImageSlot running) {
        try {
            return given.version().compareTo(dev.hil.core.image.ImageVersion.parse(running.version())) < 0;
        } catch (IllegalArgumentException unreadable) {
            return false; // the board's own version text: let the board decide
        }
    }

    /** Boot-mode line held across a reset: the bootloader's serial recovery takes the image into the primary slot. */
    private ImageSlot recovered() {
        ResetLine bootMode = run.rig.bootModeLine().orElseThrow(() -> new RigFault("no boot-mode line (power.boot-mode)"));
        ResetLine reset = run.rig.resetLine().orElseThrow(() -> new RigFault("no reset line (power.reset)"));
        powerOn("provision: recovery strategy");
        bootMode.hold();
        try {
            reset.hold();
            pause(RESET_PULSE);
            reset.release();
            run.note("provision", "reset with the boot-mode line held: serial recovery");
            List<ImageSlot> list = answer("bootloader answers in serial recovery");
            run.note("provision", "serial recovery lists " + list);
            new ImageUpload(run).send(run.images.get(ImageRole.GIVEN));
        } finally {
            bootMode.release();
        }
        run.device().reset();
        run.note("provision", "reset out of serial recovery");
        return run.answer.activeImage("board boots the provisioned image", run.rig.bootBudget());
    }

    /** The rig's external flasher writes the image with the board held in reset. */
    private ImageSlot flashed() {
        powerOn("provision: command strategy");
        run.rig.flash(run.scenario.given().running());
        run.note("provision", "flashed " + run.images.name(ImageRole.GIVEN) + " with the rig's flasher");
        return run.answer.activeImage("board boots the flashed image", run.rig.bootBudget());
    }

    private static void pause(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RigFault("interrupted while holding reset", e);
        }
    }

    private void powerOn(String cause) {
        if (!run.rig.power().isOn()) {
            run.rig.power().on();
            run.timeline.record(new TimelineEvent.PowerChanged(true, cause));
        }
    }

    private List<ImageSlot> answer(String what) {
        return run.answer.awaitImages(what, run.rig.bootBudget(), l -> true);
    }

    /** No active image: the device is in recovery mode and takes the image into its primary slot. */
    private ImageSlot uploadInRecovery() {
        String name = run.images.name(ImageRole.GIVEN);
        run.note("provision", "no active image (recovery mode): uploading " + name);
        new ImageUpload(run).send(run.images.get(ImageRole.GIVEN));
        run.device().reset();
        run.note("provision", "reset");
        return run.answer.activeImage("device boots the provisioned image", run.rig.bootBudget());
    }
}
