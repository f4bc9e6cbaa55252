package dev.hil.faults.trigger;

import dev.hil.core.fault.Trigger;
import dev.hil.core.scenario.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a scenario file's {@code at:} clause, the one place trigger syntax is defined:
 * <pre>
 *   {bytes: N} | {transferred: P%} | {after: T} | {phase: name} | {log: regex}
 *   {random: {from: 10%, to: 90%}}        seeded by the scenario seed (byte counts also accepted)
 *   {all-of: [clause, ...]} | {any-of: [clause, ...]} | {nth: K, of: clause}
 * </pre>
 */
public final class TriggerClause {
    private static final String FORMS = "{bytes: N}, {transferred: P%}, {after: T}, {phase: name}, {log: regex}, "
            + "{random: {from: P%, to: P%}}, {all-of: [...]}, {any-of: [...]}, {nth: K, of: {...}}";

    private TriggerClause() {
    }

    public static Trigger parse(Object at) {
        if (at instanceof Map<?, ?> m && m.keySet().equals(Set.of("nth", "of"))) {
            return new NthOccurrence(wholeNumber("nth", m.get("nth")), parse(m.get("of")));
        }
        if (!(at instanceof Map<?, ?> m) || m.size() != 1) {
            throw new IllegalArgumentException("'at' must be one of " + FORMS + "; got " + at);
        }
        Map.Entry<?, ?> e = m.entrySet().iterator().next();
        String kind = String.valueOf(e.getKey());
        Object v = e.getValue();
        return switch (kind) {
            case "bytes" -> new AtImageByte(wholeNumber("bytes", v));
            case "transferred" -> new AtTransferredPercent(Quantities.percent(v));
            case "after" -> new AfterElapsed(Quantities.duration(v));
            case "phase" -> new OnPhase(String.valueOf(v));
            case "log" -> new OnDeviceLog(regex(v));
            case "random" -> random(v);
            case "all-of" -> new AllOf(clauses(kind, v));
            case "any-of" -> new AnyOf(clauses(kind, v));
            case "nth" -> throw new IllegalArgumentException("'nth' needs 'of': write {nth: K, of: {log: regex}}");
            default -> throw new IllegalArgumentException("unknown trigger 'at: {" + kind
                    + ": ...}' (known: bytes, transferred, after, phase, log, random, all-of, any-of, nth)");
        };
    }

    private static List<Trigger> clauses(String kind, Object v) {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("'" + kind + "' takes a non-empty list of triggers, e.g. {" + kind
                    + ": [{transferred: 50%}, {after: 2s}]}; got " + v);
        }
        List<Trigger> out = new ArrayList<>();
        for (Object clause : list) {
            out.add(parse(clause));
        }
        return out;
    }

    private static Trigger random(Object v) {
        if (!(v instanceof Map<?, ?> m) || !m.keySet().equals(Set.of("from", "to"))) {
            throw new IllegalArgumentException("'random' takes {from: P%, to: P%} (or byte counts); got " + v);
        }
        return new RandomImageByte(bound("from", m.get("from")), bound("to", m.get("to")));
    }

    private static RandomImageByte.Bound bound(String key, Object v) {
        if (v instanceof Number) {
            return new RandomImageByte.Bound(null, wholeNumber("random." + key, v));
        }
        try {
            return new RandomImageByte.Bound(Quantities.percent(v), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("random." + key + ": " + e.getMessage() + " or a byte count", e);
        }
    }

    private static int wholeNumber(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= 0
                && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number >= 0, got " + v);
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
