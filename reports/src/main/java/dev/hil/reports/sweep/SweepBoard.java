package dev.hil.reports.sweep;

import dev.hil.core.run.CaseRecorder;
import dev.hil.core.run.ForwardingRecorder;
import dev.hil.core.run.Outcome;
import dev.hil.core.run.Recovery;
import dev.hil.core.run.Status;
import dev.hil.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects the points of each sweep in a run as they finish (a sweep point is a case whose scenario
 * carries its point as a parameter, id {@code BASE[param=value]}) and hands the sweep's summary to a
 * publisher after every point, so a run that dies half-way still leaves the heatmap of what ran.
 */
public final class SweepBoard {
    /** One sweep so far: its points in run order and the result ids of their cases. */
    public record Summary(String id, String title, String parameter, List<SweepPoint> points, List<String> resultIds) {
        public Summary {
            points = List.copyOf(points);
            resultIds = List.copyOf(resultIds);
        }
    }

    private final Map<String, Summary> sweeps = new LinkedHashMap<>();
    private final Consumer<Summary> publisher;

    public SweepBoard(Consumer<Summary> publisher) {
        this.publisher = publisher;
    }

    /** {@code recorder} itself for a case that is no sweep point; else a recorder that reports the point when it ends. */
    public CaseRecorder track(Scenario scenario, String resultId, CaseRecorder recorder) {
        int bracket = scenario.id().indexOf('[');
        if (scenario.parameters().size() != 1 || bracket < 0) {
            return recorder;
        }
        String id = scenario.id().substring(0, bracket);
        Map.Entry<String, String> point = scenario.parameters().entrySet().iterator().next();
        return new PointRecorder(recorder, recovery -> status -> add(id, scenario.title(), point.getKey(),
                new SweepPoint(point.getValue(), status, recovery), resultId));
    }

    private void add(String id, String title, String parameter, SweepPoint point, String resultId) {
        synchronized (sweeps) {
            Summary before = sweeps.get(id);
            List<SweepPoint> points = new ArrayList<>(before == null ? List.of() : before.points());
            List<String> ids = new ArrayList<>(before == null ? List.of() : before.resultIds());
            points.add(point);
            ids.add(resultId);
            Summary now = new Summary(id, title, parameter, points, ids);
            sweeps.put(id, now);
            // Inside the lock: an older summary must never overwrite a newer one on disk.
            publisher.accept(now);
        }
    }

    /** Passes everything on; remembers the recovery and reports the point after the case is written. */
    private static final class PointRecorder extends ForwardingRecorder {
        private final java.util.function.Function<Recovery, Consumer<Status>> report;
        private Recovery recovery;

        PointRecorder(CaseRecorder delegate, java.util.function.Function<Recovery, Consumer<Status>> report) {
            super(delegate);
            this.report = report;
        }

        @Override
        public void recovery(Recovery r) {
            recovery = r;
            delegate.recovery(r);
        }

        @Override
        public void finished(Outcome outcome, Throwable failure) {
            delegate.finished(outcome, failure);
            report.apply(recovery).accept(outcome.status());
        }
    }
}
