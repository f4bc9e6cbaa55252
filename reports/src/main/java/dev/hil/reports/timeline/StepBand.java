package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/** A runner step (provision, update, recovery, verify) from its start to the next one's. */
public record StepBand(String name, double fromMillis, double toMillis) {
    /** Steps run one after another; the last ends at the verdict (or the last event). */
    public static List<StepBand> of(List<Timeline.Event> events, double endMillis) {
        List<StepBand> bands = new ArrayList<>();
        String name = null;
        double from = 0;
        for (Timeline.Event e : events) {
            boolean started = e.what() instanceof TimelineEvent.StepStarted;
            boolean ends = started || e.what() instanceof TimelineEvent.Verdict;
            if (ends && name != null) {
                bands.add(new StepBand(name, from, e.millis()));
                name = null;
            }
            if (e.what() instanceof TimelineEvent.StepStarted s) {
                name = s.step();
                from = e.millis();
            }
        }
        if (name != null) {
            bands.add(new StepBand(name, from, endMillis));
        }
        return bands;
    }
}
