package dev.hil.reports.allure;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Status;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import dev.hil.core.timeline.Timeline;
import dev.hil.reports.timeline.TimelineSvg;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One scenario case being recorded. Methods are synchronized because a case's own worker threads
 * (e.g. a log pump attaching a transcript) may call in while the runner opens steps.
 */
final class AllureCase implements CaseRecorder {
    static final String UNCLOSED_STEP_NOTE = "step was still open when the case ended";
    static final String TIMELINE_SVG = "timeline.svg";
    /** The label that carries a failed or broken case's {@link dev.hil.core.run.FailureCode}. */
    public static final String FAILURE_CODE_LABEL = "failure-code";

    private final TestResult result;
    private final AllureResultsWriter writer;
    /** Open steps, innermost first. */
    private final Deque<StepResult> openSteps = new ArrayDeque<>();
    private boolean done;

    AllureCase(TestResult result, AllureResultsWriter writer) {
        this.result = result;
        this.writer = writer;
    }

    String uuid() {
        return result.getUuid();
    }

    @Override
    public synchronized void stepStarted(String name) {
        requireOpen();
        StepResult step = new StepResult()
                .setName(Objects.requireNonNull(name, "name"))
                .setStage(Stage.RUNNING)
                .setStart(System.currentTimeMillis());
        StepResult parent = openSteps.peek();
        (parent == null ? result.getSteps() : parent.getSteps()).add(step);
        openSteps.push(step);
    }

    @Override
    public synchronized void stepFinished(Status status, String message) {
        requireOpen();
        StepResult step = openSteps.poll();
        if (step == null) {
            throw new IllegalStateException("stepFinished without an open step in " + result.getName());
        }
        close(step, status, message);
    }

    @Override
    public synchronized void attach(String name, String mimeType, byte[] content) {
        requireOpen();
        PrivateKeyGuard.check(name, content);
        String source = UUID.randomUUID() + "-attachment" + AttachmentType.extension(mimeType);
        // Content goes to disk now, so a later kill keeps the evidence gathered so far.
        writer.write(source, new ByteArrayInputStream(content));
        Attachment attachment = new Attachment().setName(name).setType(mimeType).setSource(source);
        StepResult current = openSteps.peek();
        (current == null ? result.getAttachments() : current.getAttachments()).add(attachment);
    }

    /** Attaches the timeline drawn as SVG. */
    @Override
    public synchronized void timeline(Timeline timeline) {
        requireOpen();
        byte[] svg;
        try {
            svg = TimelineSvg.render(result.getName(), timeline.events())
                    .getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            // A drawing bug must not cost the case its result: the text timeline is attached already.
            attach(TIMELINE_SVG + " (not drawn)", "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        attach(TIMELINE_SVG, "image/svg+xml", svg);
    }

    @Override
    public synchronized void label(String name, String value) {
        requireOpen();
        List<Label> labels = result.getLabels();
        // The runner may repeat a label the scenario already gave (seed); Allure would show it twice.
        boolean known = labels.stream().anyMatch(l -> l.getName().equals(name) && Objects.equals(l.getValue(), value));
        if (!known) {
            labels.add(new Label().setName(name).setValue(value));
        }
    }

    /**
     * Writes the result. A failure code becomes the label {@value #FAILURE_CODE_LABEL} and the head of
     * the status message ("WRONG_IMAGE: ..."), which is what categories.json matches on.
     */
    @Override
    public synchronized void finished(Outcome outcome, Throwable failure) {
        requireOpen();
        while (!openSteps.isEmpty()) {
            close(openSteps.pop(), Status.BROKEN, UNCLOSED_STEP_NOTE);
        }
        if (outcome.code() != null) {
            label(FAILURE_CODE_LABEL, outcome.code().name());
        }
        result.setStatus(allure(outcome.status()))
                .setStatusDetails(details(outcome, failure))
                .setStage(Stage.FINISHED)
                .setStop(System.currentTimeMillis());
        done = true;
        // Written before returning: design.md requires every finished case on disk even if the run dies next.
        writer.write(result);
    }

    private static void close(StepResult step, Status status, String message) {
        step.setStatus(allure(status)).setStage(Stage.FINISHED).setStop(System.currentTimeMillis());
        if (message != null) {
            step.setStatusDetails(new StatusDetails().setMessage(message));
        }
    }

    private static StatusDetails details(Outcome outcome, Throwable failure) {
        String text = outcome.message();
        if (text == null && failure != null) {
            text = String.valueOf(failure.getMessage());
        }
        if (text == null && outcome.code() != null) {
            text = "case " + outcome.status().name().toLowerCase() + " without a message";
        }
        if (outcome.code() != null) {
            text = DefectCategories.message(outcome.code(), text);
        }
        StatusDetails details = new StatusDetails().setMessage(text);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            details.setTrace(trace.toString());
        }
        return details;
    }

    static io.qameta.allure.model.Status allure(Status status) {
        return switch (Objects.requireNonNull(status, "status")) {
            case PASSED -> io.qameta.allure.model.Status.PASSED;
            case FAILED -> io.qameta.allure.model.Status.FAILED;
            case BROKEN -> io.qameta.allure.model.Status.BROKEN;
            case SKIPPED -> io.qameta.allure.model.Status.SKIPPED;
        };
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("case " + result.getName() + " has already finished");
        }
    }
}
