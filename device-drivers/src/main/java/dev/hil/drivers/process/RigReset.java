package dev.hil.drivers.process;

import dev.hil.core.rig.ResetLine;
import dev.hil.drivers.power.GpioResetLine;
import dev.hil.drivers.power.VirtualRelay;

/**
 * The rig's reset line as scenarios use it: the GPIO reset pin, wired to the device's reset input.
 * Unlike {@link RigPower} it leaves the link alone: the UART stays up through a reset, and the
 * update client learns of it the way it would on a bench, by getting no (or a fresh device's)
 * answer. A failure of the device side (the program would not start again) surfaces here, since
 * Pi4J itself swallows listener exceptions.
 */
final class RigReset implements ResetLine {
    private final GpioResetLine pin;
    private final VirtualRelay wire;

    RigReset(GpioResetLine pin, VirtualRelay wire) {
        this.pin = pin;
        this.wire = wire;
    }

    @Override
    public void hold() {
        wire.switchPin(pin::hold, null);
    }

    @Override
    public void release() {
        wire.switchPin(pin::release, pin::hold); // failed: held again, so a retry releases it again
    }

    @Override
    public boolean held() {
        return pin.held();
    }
}
