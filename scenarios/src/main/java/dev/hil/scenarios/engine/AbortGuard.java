package dev.hil.scenarios.engine;

import dev.hil.core.rig.Rig;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.ForwardingRecorder;
import dev.hil.core.run.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * On Ctrl-C or SIGTERM: writes the running case as BROKEN ("aborted"), then leaves the rig
 * powered off. Finished cases were written when they ended, so nothing else is lost.
 */
final class AbortGuard implements AutoCloseable {
    private final Rig rig;
    private final AtomicReference<CaseRecorder> current = new AtomicReference<>();
    private final Thread hook;

    AbortGuard(Rig rig) {
        this.rig = rig;
        this.hook = new Thread(this::abort, "hil-abort");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Wraps the case's recorder so that the run and the abort path finish it at most once. */
    CaseRecorder track(CaseRecorder recorder) {
        CaseRecorder once = new FinishOnce(recorder);
        current.set(once);
        return once;
    }

    private void abort() {
        try {
            rig.power().off();
        } catch (RuntimeException ignored) {
            // closing below kills the device too; keep going to write the result
        }
        CaseRecorder r = current.getAndSet(null);
        if (r != null) {
            r.finished(Outcome.of(FailureCode.ABORTED, "run aborted (signal) while this scenario ran; the device was powered off"),
                    null);
        }
        rig.close();
    }

    @Override
    public void close() {
        current.set(null);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same cleanup
        }
    }

    static final class FinishOnce extends ForwardingRecorder {
        private final AtomicBoolean finished = new AtomicBoolean();

        FinishOnce(CaseRecorder delegate) {
            super(delegate);
        }

        @Override
        public void finished(Outcome outcome, Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                delegate.finished(outcome, failure);
            }
        }
    }
}
