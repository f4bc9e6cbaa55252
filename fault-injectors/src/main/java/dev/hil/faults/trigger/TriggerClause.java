package dev.hil.faults.trigger;

import dev.hil.core.fault.Trigger;
import dev.hil.core.scenario.Quantities;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a scenario file's {@code at:} clause: {@code {bytes: N} | {transferred: P%} | {after: T} | {phase: name} | {log: regex}}. */
public final class TriggerClause {
    private TriggerClause() {
    }

    public static Trigger parse(Object at) {
        if (!(at instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("'at' must be one of {bytes: N}, {transferred: P%}, {after: T}, "
                    + "{phase: name}, {log: regex}; got " + at);
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String kind = String.valueOf(e.getKey());
        Object v = e.getValue();
        return switch (kind) {
            case "bytes" -> new AtImageByte(wholeNumber(v));
            case "transferred" -> new AtTransferredPercent(Quantities.percent(v));
            case "after" -> new AfterElapsed(Quantities.duration(v));
            case "phase" -> new OnPhase(String.valueOf(v));
            case "log" -> new OnDeviceLog(regex(v));
            default -> throw new IllegalArgumentException("unknown trigger 'at: {" + kind
                    + ": ...}' (known: bytes, transferred, after, phase, log)");
        };
    }

    private static long wholeNumber(Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new IllegalArgumentException("'bytes' must be a whole number of bytes >= 0, got " + v);
    }

    private static String regex(Object v) {
        try {
            Pattern.compile(String.valueOf(v));
            return String.valueOf(v);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'log' is not a valid regex: " + e.getDescription());
        }
    }
}
