package dev.hil.scenarios.engine;

import dev.hil.core.rig.DeviceLog;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.ForwardingRecorder;
import dev.hil.core.run.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Counts a phase's device-log lines during a sweep's reference run, over the same span a phase
 * trigger counts them in a point: from the start of the update step (where the runner arms the
 * faults) to the end of the case. The count is attached to the reference run's result.
 */
final class PhaseCounter extends ForwardingRecorder {
    /** The runner names its update step "update to <image>"; the faults are armed as it starts. */
    static final String UPDATE_STEP_PREFIX = "update";

    private final DeviceLog log;
    private final String phase;
    private final Pattern pattern;
    private final AtomicLong count = new AtomicLong();
    private AutoCloseable subscription;

    PhaseCounter(CaseRecorder delegate, DeviceLog log, String phase, String regex) {
        super(delegate);
        this.log = log;
        this.phase = phase;
        this.pattern = Pattern.compile(regex);
    }

    @Override
    public void stepStarted(String name) {
        if (subscription == null && name.startsWith(UPDATE_STEP_PREFIX)) {
            subscription = log.onLine(line -> {
                if (pattern.matcher(line).find()) {
                    count.incrementAndGet();
                }
            });
        }
        super.stepStarted(name);
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
        stop();
        String note = count.get() + " device-log lines matched phase " + phase + " /" + pattern
                + "/ from the start of the update to the end of this reference run;\n"
                + "the sweep runs one point per line: " + phase + "=1.." + count.get() + "\n";
        delegate.attach(phase + " count", "text/plain", note.getBytes(StandardCharsets.UTF_8));
        super.finished(outcome, failure);
    }

    long count() {
        return count.get();
    }

    private void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // closing a log listener has nothing to report
            }
            subscription = null;
        }
    }
}
