package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** A fault that fired ({@link TimelineEvent.FaultFired}), placed on the time axis. */
public record FaultMarker(double millis, String kind, String trigger, String observed, OptionalLong imageByte,
        OptionalLong imageBytes) {

    public static List<FaultMarker> of(List<Timeline.Event> events) {
        List<FaultMarker> markers = new ArrayList<>();
        for (Timeline.Event e : events) {
            if (e.what() instanceof TimelineEvent.FaultFired f) {
                markers.add(new FaultMarker(e.millis(), f.fault(), f.trigger(), f.observed(), f.imageByte(),
                        f.imageBytes()));
            }
        }
        return markers;
    }

    /** The exact point, as an auditor reads it: "byte 12379 of 24759 · 6933.223 ms". */
    public String where() {
        String time = String.format(Locale.ROOT, "%.3f ms", millis);
        if (imageByte.isEmpty()) {
            return time;
        }
        return "byte " + imageByte.getAsLong() + (imageBytes.isPresent() ? " of " + imageBytes.getAsLong() : "")
                + " · " + time;
    }
}
