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

    /** Where the device came back and how fast; called once, just before {@link #finished}. */
    default void recovery(Recovery recovery) {
    }

    /**
     * The case's whole timeline, handed over once before {@link #finished} so a recorder can draw
     * it (the Allure writer attaches an SVG). Recorders that only keep text ignore it.
     */
    default void timeline(dev.hil.core.timeline.Timeline timeline) {
    }

    /** The case's end: status, failure code (unless it passed) and message; {@code failure} the exception behind it, if any. */
    void finished(Outcome outcome, Throwable failure);
}
