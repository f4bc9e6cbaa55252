package dev.hil.faults;

import dev.hil.core.fault.Trigger;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.Quantities;
import dev.hil.faults.trigger.TriggerClause;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A fault's parameters as the scenario file wrote them, read with messages that name the fault,
 * the parameter and what is accepted (the catalog adds file:line:col).
 */
public final class FaultParams {
    private final String kind;
    private final Map<String, Object> params;

    /** @throws IllegalArgumentException for a parameter not in {@code accepted} */
    public FaultParams(FaultSpec spec, String... accepted) {
        this.kind = spec.kind();
        this.params = spec.params();
        List<String> known = Arrays.asList(accepted);
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(kind + " has no parameter '" + key + "' (it takes: "
                        + String.join(", ", accepted) + ")");
            }
        }
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    /** The required {@code at:} clause. */
    public Trigger at(String what) {
        if (!has("at")) {
            throw new IllegalArgumentException(kind + " needs 'at' (" + what + ")");
        }
        return TriggerClause.parse(params.get("at"));
    }

    public Duration duration(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException(kind + " needs '" + key + "' (a duration, e.g. 500ms, 2s)");
        }
        return positive(key, Quantities.duration(params.get(key)));
    }

    public Duration duration(String key, Duration fallback) {
        return has(key) ? positive(key, Quantities.duration(params.get(key))) : fallback;
    }

    /** Milliseconds written as a number ({@code 20}) or a duration ({@code 20ms}); 0 allowed. */
    public Duration millis(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = params.get(key);
        if (v instanceof Number n) {
            if (n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
                throw new IllegalArgumentException("'" + key + "' must be >= 0 ms, got " + v);
            }
            return Duration.ofNanos(Math.round(n.doubleValue() * 1_000_000));
        }
        return Quantities.duration(v);
    }

    /** A whole number in {@code [min, max]}. */
    public int count(String key, int min, int max) {
        Object v = params.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= min && n.longValue() <= max) {
            return n.intValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number from " + min + " to " + max
                + ", got " + v);
    }

    /** The fault's own seed if it gives one; otherwise the caller uses the scenario seed. */
    public OptionalLong seed() {
        if (!has("seed")) {
            return OptionalLong.empty();
        }
        Object v = params.get("seed");
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return OptionalLong.of(n.longValue());
        }
        throw new IllegalArgumentException("'seed' must be a whole number, got " + v);
    }

    /** One of {@code options}, or {@code fallback} when absent. */
    public String choice(String key, String fallback, String... options) {
        if (!has(key)) {
            return fallback;
        }
        String v = String.valueOf(params.get(key));
        if (!Arrays.asList(options).contains(v)) {
            throw new IllegalArgumentException("'" + key + "' must be one of " + String.join(", ", options)
                    + "; got " + v);
        }
        return v;
    }

    /** Exactly one of two alternative parameters must be given; returns the one that is. */
    public String oneOf(String a, String b, String what) {
        if (has(a) == has(b)) {
            throw new IllegalArgumentException(kind + " needs exactly one of '" + a + "' or '" + b + "' (" + what + ")");
        }
        return has(a) ? a : b;
    }

    private Duration positive(String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + key + "' must be longer than 0");
        }
        return d;
    }
}
