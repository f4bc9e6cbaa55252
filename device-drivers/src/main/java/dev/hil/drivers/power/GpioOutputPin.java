package dev.hil.drivers.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;

/**
 * One Pi4J digital output with a meaning: an "active" level (supply on, reset held) and the
 * other, inactive one, which it starts at, is left at by {@link #close} and by a context shutdown.
 * What the power switch and the reset line have in common; each says what active means.
 */
final class GpioOutputPin {
    private final String what;
    private final DigitalOutput pin;
    private final DigitalState activeLevel;
    private final DigitalState inactiveLevel;
    private boolean closed; // guarded by this

    private GpioOutputPin(String what, DigitalOutput pin, DigitalState activeLevel) {
        this.what = what;
        this.pin = pin;
        this.activeLevel = activeLevel;
        this.inactiveLevel = activeLevel == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH;
    }

    /**
     * @param id   Pi4J id prefix ({@code power}, {@code reset}); the pin number is appended
     * @param what what the pin drives, for Pi4J's name and error messages
     */
    static GpioOutputPin create(Context pi4j, String providerId, String id, String what, int address,
                                boolean activeHigh) {
        DigitalState active = activeHigh ? DigitalState.HIGH : DigitalState.LOW;
        DigitalState inactive = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        DigitalOutputConfig config = DigitalOutput.newConfigBuilder(pi4j)
                .id(id + "-" + address)
                .name(what)
                .address(address)
                .onState(active)
                .initial(inactive)
                .shutdown(inactive)
                .provider(providerId)
                .build();
        return new GpioOutputPin(what, pi4j.create(config), active);
    }

    DigitalOutput pin() {
        return pin;
    }

    DigitalState activeLevel() {
        return activeLevel;
    }

    int address() {
        return pin.address().intValue();
    }

    /** Drives the pin; Pi4J notifies its listeners on this thread before returning. */
    synchronized void drive(boolean active) {
        if (closed) {
            throw new IllegalStateException(what + " on pin " + pin.address() + " is closed");
        }
        pin.state(active ? activeLevel : inactiveLevel);
    }

    synchronized boolean isActive() {
        return !closed && pin.state() == activeLevel;
    }

    /** Leaves the pin inactive; true the first time (later calls do nothing). */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        try {
            pin.state(inactiveLevel);
        } finally {
            closed = true;
        }
        return true;
    }
}
