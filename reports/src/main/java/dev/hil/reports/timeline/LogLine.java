package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;

/** One device-log line ({@link TimelineEvent.DeviceLogged}) at its arrival time on the timeline's clock. */
public record LogLine(double millis, String text) {
    public static List<LogLine> deviceLog(List<Timeline.Event> events) {
        List<LogLine> lines = new ArrayList<>();
        for (Timeline.Event e : events) {
            if (e.what() instanceof TimelineEvent.DeviceLogged d) {
                lines.add(new LogLine(e.millis(), d.line()));
            }
        }
        return lines;
    }
}
