package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;

/** A runner step (provision, update, recovery, verify) from its {@code step} event to the next one. */
public record StepBand(String name, double fromMillis, double toMillis) {
    /** Steps run one after another; the last ends at the verdict (or the last event). */
    public static List<StepBand> of(List<Timeline.Event> events, double endMillis) {
        List<StepBand> bands = new ArrayList<>();
        String name = null;
        double from = 0;
        for (Timeline.Event e : events) {
            boolean ends = e.kind().equals("step") || e.kind().equals("verdict");
            if (ends && name != null) {
                bands.add(new StepBand(name, from, e.millis()));
                name = null;
            }
            if (e.kind().equals("step")) {
                name = e.detail();
                from = e.millis();
            }
        }
        if (name != null) {
            bands.add(new StepBand(name, from, endMillis));
        }
        return bands;
    }
}
