package dev.hil.scenarios.bench;

import dev.hil.drivers.process.KillTimes;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The instants of one real power cut, from the image byte the trigger waits for to the device
 * program reaped, and what the link did around it.
 *
 * @param boundaryNanos the link reached the image byte (a tap ahead of the trigger's saw it)
 * @param firedNanos    the trigger's firing callback was entered
 * @param switchNanos   the fault reached for the rig's power switch
 * @param kill          the device side's own instants (relay, kill(2), reaped)
 * @param returnedNanos the fault's inject returned
 * @param cutError      image bytes that left the host minus the requested byte
 * @param leakedBytes   wire bytes written to the port after the boundary
 */
record CutSample(long boundaryNanos, long firedNanos, long switchNanos, KillTimes kill, long returnedNanos,
                 long cutError, long leakedBytes) {

    /** One step of the cut path and how long it took in a sample. */
    record Step(String name, ToLongFunction<CutSample> nanos) {
        double millis(CutSample s) {
            return nanos.applyAsLong(s) / 1e6;
        }
    }

    static final Step TRIGGER_TO_KILL = new Step("trigger -> SIGKILL sent (the figure)",
            s -> s.kill.sentNanos() - s.boundaryNanos);

    static final List<Step> STEPS = List.of(
            new Step("trigger fires (image byte reached -> firing callback)", s -> s.firedNanos - s.boundaryNanos),
            new Step("fault.inject -> power switch off called", s -> s.switchNanos - s.firedNanos),
            new Step("power switch -> relay at the device (priority, link down, Pi4J mock pin, relay)",
                    s -> s.kill.relayedNanos() - s.switchNanos),
            new Step("relay -> kill(2) called (device lock, bookkeeping)",
                    s -> s.kill.callNanos() - s.kill.relayedNanos()),
            new Step("kill -> SIGKILL sent (priority check, kill(2) of the group)", s -> s.kill.sentNanos() - s.kill.callNanos()),
            TRIGGER_TO_KILL,
            new Step("SIGKILL sent -> program reaped (process gone)", s -> s.kill.goneNanos() - s.kill.sentNanos()),
            new Step("reaped -> off() and inject returned (UART bridge, pipes, timeline)",
                    s -> s.returnedNanos - s.kill.goneNanos()));
}
