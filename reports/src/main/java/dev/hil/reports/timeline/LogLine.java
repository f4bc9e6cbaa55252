package dev.hil.reports.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a text attachment the runner stamps with timeline time ({@code "  812.345 ms  text"}):
 * the device log and the SMP transcript. Same clock as {@link dev.hil.core.timeline.Timeline.Event#millis()}.
 */
public record LogLine(double millis, String text) {
    private static final Pattern STAMPED = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?) ms  (.*)$");

    /** Stamped lines of {@code text}; unstamped lines (a multi-line message) are skipped. */
    public static List<LogLine> parse(String text) {
        List<LogLine> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = STAMPED.matcher(line);
            if (m.matches()) {
                lines.add(new LogLine(Double.parseDouble(m.group(1)), m.group(2)));
            }
        }
        return lines;
    }
}
