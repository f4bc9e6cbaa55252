package dev.hil.scenarios.bench;

import dev.hil.core.run.Outcome;
import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.Status;

/** Benchmarks time the harness, not the report writer; they keep no per-case evidence. */
final class DiscardingRecorder implements CaseRecorder {
    @Override
    public void stepStarted(String name) {
    }

    @Override
    public void stepFinished(Status status, String message) {
    }

    @Override
    public void attach(String name, String mimeType, byte[] content) {
    }

    @Override
    public void label(String name, String value) {
    }

    @Override
    public void finished(Outcome outcome, Throwable failure) {
    }
}
