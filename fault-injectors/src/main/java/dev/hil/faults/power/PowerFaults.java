package dev.hil.faults.power;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultFactory;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.faults.FaultParams;
import java.time.Duration;
import java.util.Set;

/** Builds the faults that act on the device's supply and reset pin. */
public final class PowerFaults implements FaultFactory {
    private static final Duration DEFAULT_OFF = Duration.ofSeconds(1);
    /** Long enough for any reset supervisor to register the pulse. */
    private static final Duration DEFAULT_HOLD = Duration.ofMillis(100);

    @Override
    public Set<String> kinds() {
        return Set.of("power-cut", "brownout", "reset");
    }

    @Override
    public Fault create(FaultSpec spec) {
        return switch (spec.kind()) {
            case "power-cut" -> {
                FaultParams p = new FaultParams(spec, "at", "off-for");
                yield new PowerCut(p.at("when to cut"), p.duration("off-for", DEFAULT_OFF));
            }
            case "brownout" -> brownout(new FaultParams(spec, "at", "off-for", "repeat", "every"));
            case "reset" -> {
                FaultParams p = new FaultParams(spec, "at", "hold");
                yield new ResetPulse(p.at("when to pulse the reset pin"), p.duration("hold", DEFAULT_HOLD));
            }
            default -> throw new IllegalArgumentException("not a power fault: " + spec.kind());
        };
    }

    private static Fault brownout(FaultParams p) {
        var at = p.at("when the first dip starts");
        Duration off = p.duration("off-for");
        int repeat = p.has("repeat") ? p.count("repeat", 1, 100) : 1;
        if (repeat > 1 && !p.has("every")) {
            throw new IllegalArgumentException("brownout with repeat: " + repeat + " needs 'every' (time from one dip's"
                    + " start to the next)");
        }
        Duration every = p.duration("every", off.multipliedBy(2));
        if (every.compareTo(off) <= 0) {
            throw new IllegalArgumentException("'every' (" + every.toMillis() + " ms) must be longer than 'off-for' ("
                    + off.toMillis() + " ms), or the dips merge into one outage");
        }
        return new Brownout(at, off, repeat, every);
    }
}
