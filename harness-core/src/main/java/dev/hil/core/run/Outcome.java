package dev.hil.core.run;

import java.util.Objects;

/**
 * How a scenario case ended: unless it passed (or was skipped), the {@link FailureCode} reports and
 * qualification match on, and the one-line reason for people.
 */
public record Outcome(Status status, FailureCode code, String message) {
    public static final Outcome PASSED = new Outcome(Status.PASSED, null, null);

    public Outcome {
        Objects.requireNonNull(status, "status");
        boolean ended = status == Status.FAILED || status == Status.BROKEN;
        if (ended && (code == null || code.status() != status)) {
            throw new IllegalArgumentException("a " + status + " outcome needs a " + status + " failure code, not " + code);
        }
        if (!ended && code != null) {
            throw new IllegalArgumentException("a " + status + " outcome has no failure code (" + code + ")");
        }
    }

    /** A failed or broken outcome; the status is the code's. */
    public static Outcome of(FailureCode code, String message) {
        return new Outcome(code.status(), code, message);
    }

    public static Outcome skipped(String reason) {
        return new Outcome(Status.SKIPPED, null, reason);
    }
}
