package dev.hil.scenarios.engine;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.ForwardingRecorder;
import dev.hil.core.run.Outcome;
import java.nio.charset.StandardCharsets;

/** Attaches the reproduce line to a case that did not pass, so the report carries it too. */
final class ReproduceNote extends ForwardingRecorder {
    private final String line;

    ReproduceNote(CaseRecorder delegate, String line) {
        super(delegate);
        this.line = line;
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
        if (outcome.code() != null) {
            delegate.attach("reproduce", "text/plain", (line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        super.finished(outcome, failure);
    }
}
