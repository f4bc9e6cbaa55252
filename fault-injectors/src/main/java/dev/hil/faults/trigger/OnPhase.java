package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.rig.RigCapability;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fires when the device enters a protocol phase. The scenario names the phase; the rig's
 * {@code phases:} map says how this device's log shows it, so one scenario works on any device.
 */
public final class OnPhase extends OnDeviceLog {
    private final String phase;

    public OnPhase(String phase) {
        super("phase " + phase, null);
        this.phase = phase;
    }

    @Override
    public Set<RigCapability> needs() {
        return Set.of(RigCapability.phase(phase));
    }

    @Override
    protected Pattern pattern(FaultContext context) {
        String regex = context.rig().phases().get(phase);
        if (regex == null) {
            throw new IllegalArgumentException("rig '" + context.rig().name() + "' maps no phase '" + phase
                    + "' to a log pattern (its phases: " + context.rig().phases().keySet() + ")");
        }
        return Pattern.compile(regex);
    }
}
