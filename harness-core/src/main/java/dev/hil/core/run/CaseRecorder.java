package dev.hil.core.run;

/**
 * Records one scenario case for the report. Steps nest; every started step is finished. The
 * result is written to disk when {@link #finished} returns, so an abort later loses nothing.
 */
public interface CaseRecorder {
    void stepStarted(String name);

    void stepFinished(Status status, String message);

    void attach(String name, String mimeType, byte[] content);

    /** Extra label (e.g. {@code seed}); requirement/risk/rig labels are added from the scenario. */
    void label(String name, String value);

    void finished(Status status, String message, Throwable failure);
}
