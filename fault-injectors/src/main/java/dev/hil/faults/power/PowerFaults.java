package dev.hil.faults.power;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultFactory;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.Quantities;
import dev.hil.faults.trigger.TriggerClause;
import java.time.Duration;
import java.util.Set;

/** Builds the faults that act on the device's supply. */
public final class PowerFaults implements FaultFactory {
    private static final Duration DEFAULT_OFF = Duration.ofSeconds(1);

    @Override
    public Set<String> kinds() {
        return Set.of("power-cut");
    }

    @Override
    public Fault create(FaultSpec spec) {
        for (String key : spec.params().keySet()) {
            if (!Set.of("at", "off-for").contains(key)) {
                throw new IllegalArgumentException("power-cut has no parameter '" + key + "' (it takes: at, off-for)");
            }
        }
        if (!spec.params().containsKey("at")) {
            throw new IllegalArgumentException("power-cut needs 'at' (when to cut)");
        }
        Object off = spec.params().get("off-for");
        return new PowerCut(TriggerClause.parse(spec.params().get("at")),
                off == null ? DEFAULT_OFF : Quantities.duration(off));
    }
}
