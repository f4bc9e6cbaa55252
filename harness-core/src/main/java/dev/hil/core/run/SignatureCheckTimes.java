package dev.hil.core.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The device's image (hash + signature) checks as its log shows them: a line matching the rig's
 * {@code verify} phase opens one, the next {@code verified} line closes it. The times are the
 * harness's own arrival stamps of the two lines, not a figure the device reports about itself;
 * both lines take the same way to the harness, so that delay cancels out up to the log pipe's
 * jitter (a few ms on a loaded host). A check that never closes (power cut in the middle of it)
 * is not a measured check.
 */
public final class SignatureCheckTimes {
    /** The rig phases that must be mapped: the check's first and last log line. */
    public static final List<String> PHASES = List.of("verify", "verified");

    /** One measured check: arrival instants ({@link dev.hil.core.timeline.Timeline#now()}) and lines. */
    public record Check(long startNanos, long endNanos, String startLine, String endLine) {
        public Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    private final Pattern start;
    private final Pattern end;
    private final List<Check> checks = new ArrayList<>();
    private long openedAt = -1;
    private String openLine;

    /** @throws IllegalArgumentException when the rig does not map both {@link #PHASES} */
    public SignatureCheckTimes(Map<String, String> phases) {
        this.start = pattern(phases, PHASES.get(0));
        this.end = pattern(phases, PHASES.get(1));
    }

    private static Pattern pattern(Map<String, String> phases, String phase) {
        String regex = phases.get(phase);
        if (regex == null) {
            throw new IllegalArgumentException("the rig maps no phase '" + phase + "' to a device-log pattern (it maps: "
                    + String.join(", ", phases.keySet()) + "); signature check times are measured from 'verify' to"
                    + " 'verified'");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("rig phase '" + phase + "' is not a regex: " + e.getDescription());
        }
    }

    /** Feeds one device-log line as it arrived at {@code nanos}. */
    public synchronized void line(long nanos, String line) {
        if (start.matcher(line).find()) {
            openedAt = nanos; // a check left open by a cut is dropped: the device starts over
            openLine = line;
        } else if (openedAt >= 0 && end.matcher(line).find()) {
            checks.add(new Check(openedAt, nanos, openLine, line));
            openedAt = -1;
            openLine = null;
        }
    }

    /** The checks closed so far, in log order. */
    public synchronized List<Check> checks() {
        return List.copyOf(checks);
    }
}
