package dev.hil.core.run.rig;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Recovery;
import dev.hil.core.run.Status;
import dev.hil.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the runner told its recorder, kept for assertions. */
public final class RecordedCase implements CaseRecorder {
    public record Step(String name, Status status, String message) {
    }

    public final List<Step> steps = new ArrayList<>();
    public final Map<String, byte[]> attachments = new LinkedHashMap<>();
    public final Map<String, String> labels = new LinkedHashMap<>();
    public Recovery recovery;
    public Timeline timeline;
    public int finishedCalls;
    public Status status;
    public FailureCode code;
    public String message;
    public Throwable failure;
    private String open;

    @Override
    public void stepStarted(String name) {
        open = name;
    }

    @Override
    public void stepFinished(Status s, String m) {
        steps.add(new Step(open, s, m));
        open = null;
    }

    @Override
    public void attach(String name, String mimeType, byte[] content) {
        attachments.put(name, content);
    }

    @Override
    public void label(String name, String value) {
        labels.put(name, value);
    }

    @Override
    public void recovery(Recovery r) {
        recovery = r;
    }

    @Override
    public void timeline(Timeline t) {
        timeline = t;
    }

    @Override
    public void finished(Outcome o, Throwable f) {
        finishedCalls++;
        status = o.status();
        code = o.code();
        message = o.message();
        failure = f;
    }
}
