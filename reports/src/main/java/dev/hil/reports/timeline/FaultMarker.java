package dev.hil.reports.timeline;

import dev.hil.core.timeline.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault that fired: the runner's {@code fault} event ("power-cut fired: transferred 50% at image
 * byte 12379 of 24759 written ..."), split into the trigger and what was observed when it fired.
 */
public record FaultMarker(double millis, String kind, String trigger, String observed, OptionalLong imageByte,
        OptionalLong imageBytes) {
    private static final Pattern FIRED = Pattern.compile("^(\\S+) fired: (.*)$", Pattern.DOTALL);
    private static final Pattern BYTE_OF = Pattern.compile("image byte (\\d+) of (\\d+)");
    private static final Pattern BYTES_WRITTEN = Pattern.compile("\\((\\d+) image bytes written\\)");

    public static List<FaultMarker> of(List<Timeline.Event> events) {
        // The armed events name each trigger exactly, so a trigger containing " at " still splits right.
        List<String> armed = new ArrayList<>();
        for (Timeline.Event e : events) {
            if (e.kind().equals("armed")) {
                armed.add(e.detail());
            }
        }
        List<FaultMarker> markers = new ArrayList<>();
        for (Timeline.Event e : events) {
            if (!e.kind().equals("fault")) {
                continue;
            }
            Matcher m = FIRED.matcher(e.detail());
            if (!m.matches()) {
                markers.add(new FaultMarker(e.millis(), "fault", e.detail(), "", OptionalLong.empty(), OptionalLong.empty()));
                continue;
            }
            String kind = m.group(1);
            String rest = m.group(2);
            String trigger = rest;
            String observed = "";
            String known = armed.stream().map(a -> a.startsWith(kind + " at ") ? a.substring(kind.length() + 4) : null)
                    .filter(t -> t != null && rest.startsWith(t + " at ")).findFirst().orElse(null);
            int split = known != null ? known.length() : rest.indexOf(" at ");
            if (split >= 0) {
                trigger = rest.substring(0, split);
                observed = rest.substring(split + " at ".length());
            }
            markers.add(new FaultMarker(e.millis(), kind, trigger, observed, imageByte(observed), imageBytes(observed)));
        }
        return markers;
    }

    private static OptionalLong imageByte(String observed) {
        Matcher m = BYTE_OF.matcher(observed);
        if (m.find()) {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        }
        m = BYTES_WRITTEN.matcher(observed);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static OptionalLong imageBytes(String observed) {
        Matcher m = BYTE_OF.matcher(observed);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    /** The exact point, as an auditor reads it: "byte 12379 of 24759 · 6933.223 ms". */
    public String where() {
        String time = String.format(java.util.Locale.ROOT, "%.3f ms", millis);
        if (imageByte.isEmpty()) {
            return time;
        }
        return "byte " + imageByte.getAsLong() + (imageBytes.isPresent() ? " of " + imageBytes.getAsLong() : "")
                + " · " + time;
    }
}
