package dev.hil.core.run;

import dev.hil.core.timeline.Timeline;

/** A recorder that passes everything on; subclasses add one concern each (counting, a reproduce note). */
public abstract class ForwardingRecorder implements CaseRecorder {
    protected final CaseRecorder delegate;

    protected ForwardingRecorder(CaseRecorder delegate) {
        this.delegate = delegate;
    }

    @Override
    public void stepStarted(String name) {
        delegate.stepStarted(name);
    }

    @Override
    public void stepFinished(Status status, String message) {
        delegate.stepFinished(status, message);
    }

    @Override
    public void attach(String name, String mimeType, byte[] content) {
        delegate.attach(name, mimeType, content);
    }

    @Override
    public void label(String name, String value) {
        delegate.label(name, value);
    }

    @Override
    public void recovery(Recovery recovery) {
        delegate.recovery(recovery);
    }

    @Override
    public void timeline(Timeline timeline) {
        delegate.timeline(timeline);
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
        delegate.finished(outcome, failure);
    }
}
