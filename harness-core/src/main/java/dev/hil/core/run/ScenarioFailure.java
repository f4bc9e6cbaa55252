package dev.hil.core.run;

/** Ends a scenario case with a {@link FailureCode}: FAILED when the device broke a stated property, BROKEN when the rig or harness could not go on. */
final class ScenarioFailure extends RuntimeException {
    private final FailureCode code;

    private ScenarioFailure(FailureCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    FailureCode code() {
        return code;
    }

    Status status() {
        return code.status();
    }

    Outcome outcome() {
        return Outcome.of(code, getMessage());
    }

    /** @param code a FAILED code */
    static ScenarioFailure failed(FailureCode code, String message) {
        return new ScenarioFailure(requireStatus(code, Status.FAILED), message, null);
    }

    /** @param code a BROKEN code */
    static ScenarioFailure broken(FailureCode code, String message, Throwable cause) {
        return new ScenarioFailure(requireStatus(code, Status.BROKEN), message, cause);
    }

    private static FailureCode requireStatus(FailureCode code, Status status) {
        if (code.status() != status) {
            throw new IllegalArgumentException(code + " is not a " + status + " code");
        }
        return code;
    }
}
