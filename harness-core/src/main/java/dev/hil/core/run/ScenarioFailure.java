package dev.hil.core.run;

/** Ends a scenario case: FAILED when the device broke a stated property, BROKEN when the rig or harness could not go on. */
final class ScenarioFailure extends RuntimeException {
    private final Status status;

    ScenarioFailure(Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    ScenarioFailure(Status status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
    }

    Status status() {
        return status;
    }

    static ScenarioFailure failed(String message) {
        return new ScenarioFailure(Status.FAILED, message);
    }

    static ScenarioFailure broken(String message, Throwable cause) {
        return new ScenarioFailure(Status.BROKEN, message, cause);
    }
}
