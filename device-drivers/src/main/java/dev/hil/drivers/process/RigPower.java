package dev.hil.drivers.process;

import dev.hil.core.rig.PowerSwitch;
import dev.hil.drivers.power.GpioPowerSwitch;
import dev.hil.drivers.power.VirtualRelay;
import dev.hil.drivers.serial.SerialPortLink;

/**
 * The rig's power switch as scenarios use it: the GPIO pin (whose relay powers the device),
 * with the UART marked down before the cut, so a write racing with it fails cleanly, and up
 * after power returns. A relay failure (the program would not start) surfaces here, since Pi4J
 * itself swallows listener exceptions.
 */
final class RigPower implements PowerSwitch {
    private final GpioPowerSwitch pin;
    private final VirtualRelay relay;
    private final SerialPortLink link;

    RigPower(GpioPowerSwitch pin, VirtualRelay relay, SerialPortLink link) {
        this.pin = pin;
        this.relay = relay;
        this.link = link;
    }

    @Override
    public void on() {
        relay.switchPin(pin::on, pin::off);
        link.markUp();
    }

    /** At real-time priority where allowed, so that a loaded machine cannot stall the cut midway. */
    @Override
    public void off() {
        boolean raised = CutPriority.raise();
        try {
            link.markDown();
            relay.switchPin(pin::off, null);
        } finally {
            CutPriority.lower(raised);
        }
    }

    @Override
    public boolean isOn() {
        return pin.isOn();
    }
}
