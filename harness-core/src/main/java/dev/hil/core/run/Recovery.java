package dev.hil.core.run;

import java.time.Duration;

/**
 * Where a case's device came back after the faults, and how fast: what a sweep heatmap plots per
 * point. {@code took} is null unless the device came back on an image.
 */
public record Recovery(Landing landing, Duration took, Duration budget) {
    public enum Landing {
        /** Back on the image it ran before the update. */
        GIVEN,
        /** Back on the update. */
        UPDATE,
        /** Answers, but runs no image (recovery mode): bricked for the user. */
        NO_ACTIVE_IMAGE,
        /** Runs an image that is neither the given one nor the update. */
        UNKNOWN_IMAGE,
        /** Gave no answer within the budget. */
        NO_ANSWER,
        /** The case ended before recovery was looked at (e.g. provisioning failed). */
        NOT_REACHED
    }
}
