package dev.hil.core.run;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.Verdict;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * The "verify" step: the image the device reports active must be one the scenario allows (by hash),
 * and with {@code verified} it must pass the harness's own signature check with the rig's trust key.
 */
final class ImageVerdict {
    private final CaseRun run;

    ImageVerdict(CaseRun run) {
        this.run = run;
    }

    void run() {
        List<ImageSlot> list = run.device().images();
        run.note("verify", "image list: " + list);
        ImageSlot running = CaseImages.active(list).orElseThrow(() -> {
            run.summary.landing = Recovery.Landing.NO_ACTIVE_IMAGE;
            return ScenarioFailure.failed(FailureCode.NO_ACTIVE_IMAGE, "device reports no active image after recovery (image list: "
                    + list + ")");
        });
        Optional<ImageRole> actual = run.images.roleOf(running);
        run.summary.landing = CaseImages.landingOf(actual);
        List<ImageRole> allowed = allowedRoles(run.scenario.then());
        if (actual.isEmpty() || !allowed.contains(actual.get())) {
            throw notAllowed(running, actual, allowed);
        }
        String name = run.images.name(actual.get());
        run.note("verify", "active image is the " + actual.get().yamlName() + " image " + name);
        if (run.scenario.then().verified()) {
            FirmwareImage img = run.images.get(actual.get());
            Verdict v = run.rig.trust().verify(img);
            if (!v.valid()) {
                throw ScenarioFailure.failed(FailureCode.SIGNATURE_INVALID, "the image the device runs (" + name
                        + ") fails the harness's own check with the trust key: " + v.reason());
            }
            run.note("verify", "harness re-checked " + name + ": " + v.reason());
        }
        if (run.scenario.then().rejected()) {
            run.note("verify", run.refusedByDevice ? "update refused by the device during the protocol"
                    : "update refused at boot; device kept the given image");
        }
    }

    private ScenarioFailure notAllowed(ImageSlot running, Optional<ImageRole> actual, List<ImageRole> allowed) {
        StringBuilder m = new StringBuilder("active image hash " + running.hashHex() + " (version "
                + running.version() + ") not among expected images [");
        for (ImageRole r : allowed) {
            m.append(r.yamlName()).append(' ').append(run.images.name(r)).append(' ')
                    .append(run.images.get(r).hashHex()).append(r == allowed.get(allowed.size() - 1) ? "" : ", ");
        }
        m.append(']');
        actual.ifPresent(r -> m.append("; it is the ").append(r.yamlName()).append(" image ").append(run.images.name(r)));
        boolean notRejected = run.scenario.then().rejected() && actual.isPresent() && actual.get() == ImageRole.UPDATE;
        if (notRejected) {
            m.insert(0, "update was not rejected: ");
        }
        return ScenarioFailure.failed(notRejected ? FailureCode.NOT_REJECTED : FailureCode.WRONG_IMAGE, m.toString());
    }

    /** A rejected update must leave the given image; no {@code recovers-to} allows either. */
    static List<ImageRole> allowedRoles(Scenario.Then then) {
        if (then.rejected()) {
            return List.of(ImageRole.GIVEN);
        }
        if (then.recoversTo().isEmpty()) {
            return List.of(ImageRole.GIVEN, ImageRole.UPDATE);
        }
        return then.recoversTo().stream().sorted().toList();
    }
}
