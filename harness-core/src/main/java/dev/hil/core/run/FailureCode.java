package dev.hil.core.run;

/**
 * Why a case did not pass, as a fact reports and qualification can match on (the message next to
 * it is for people and may change wording). The first group are product findings (FAILED), the
 * second the harness's or rig's inability to carry the case out (BROKEN).
 */
public enum FailureCode {
    // --- FAILED: the device broke a property the scenario states ---------------------------------
    /** The device came back on an image the scenario does not allow. */
    WRONG_IMAGE(Status.FAILED),
    /** An attack scenario's update runs on the device instead of being refused. */
    NOT_REJECTED(Status.FAILED),
    /** The device gave no answer at all within the budget. */
    NO_ANSWER(Status.FAILED),
    /** The device answers but runs no image (recovery mode): bricked for the user. */
    NO_ACTIVE_IMAGE(Status.FAILED),
    /** A stated time budget (the image check) was exceeded. */
    BUDGET_OVERRUN(Status.FAILED),
    /** No image check was seen in the device log, so its time is unknown. */
    CHECK_NOT_SEEN(Status.FAILED),
    /** The image the device runs fails the harness's own signature check. */
    SIGNATURE_INVALID(Status.FAILED),
    /** The update did not complete (link lost, timeouts) where the scenario expects it to. */
    UPDATE_FAILED(Status.FAILED),
    /** The device refused a step of the update (a test, the authorization) it had to accept. */
    DEVICE_REFUSED(Status.FAILED),
    /** A fault's trigger point was never reached during the update. */
    FAULT_NEVER_FIRED(Status.FAILED),
    /** Provisioning left the device on another image than the scenario's given one, or the device failed a step of it. */
    PROVISIONING_FAILED(Status.FAILED),
    // --- BROKEN: the harness or rig could not carry the case out ----------------------------------
    /** The rig misbehaved: a fault stuck in effect, a device state that cannot be set, a switch. */
    RIG_FAULT(Status.BROKEN),
    /** The scenario asks for what cannot be done: unreadable image, bad fault parameter, unmapped phase. */
    BAD_INPUT(Status.BROKEN),
    /** An unexpected error in the harness itself. */
    HARNESS_ERROR(Status.BROKEN),
    /** Undoing what the case opened or armed failed; the rig may not be in a safe state. */
    CLEANUP_FAILED(Status.BROKEN),
    /** The run was stopped (a signal) while the case ran. */
    ABORTED(Status.BROKEN);

    private final Status status;

    FailureCode(Status status) {
        this.status = status;
    }

    /** The case status this code goes with. */
    public Status status() {
        return status;
    }
}
