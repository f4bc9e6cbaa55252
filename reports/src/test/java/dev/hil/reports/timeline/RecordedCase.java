package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case recorded by a real {@code hil run} (UPD-PWR-DOUBLE on the virtual rig): its text
 * timeline, device log and SMP transcript attachments, read back as the renderer's inputs.
 */
final class RecordedCase {
    private static final Pattern EVENT = Pattern.compile("^\\s*(\\d+\\.\\d+) ms  (\\S+) +(.*)$");

    private RecordedCase() {
    }

    static List<Timeline.Event> doubleCutEvents() {
        return events(resource("double-cut.timeline.txt"));
    }

    static List<LogLine> doubleCutDeviceLog() {
        return LogLine.parse(resource("double-cut.device-log.txt"));
    }

    static List<LogLine> doubleCutTranscript() {
        return LogLine.parse(resource("double-cut.transcript.txt"));
    }

    /** Events from the text form {@link Timeline#render()} writes. */
    static List<Timeline.Event> events(String rendered) {
        List<Timeline.Event> events = new ArrayList<>();
        for (String line : rendered.split("\n")) {
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                long nanos = Math.round(Double.parseDouble(m.group(1)) * 1e6);
                events.add(new Timeline.Event(nanos, Instant.EPOCH.plusNanos(nanos), m.group(2), m.group(3)));
            }
        }
        return events;
    }

    static Timeline.Event event(double millis, String kind, String detail) {
        long nanos = Math.round(millis * 1e6);
        return new Timeline.Event(nanos, Instant.EPOCH.plusNanos(nanos), kind, detail);
    }

    private static String resource(String name) {
        try (InputStream in = RecordedCase.class.getResourceAsStream("/timeline/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource timeline/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
