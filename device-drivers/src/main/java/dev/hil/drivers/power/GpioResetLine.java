package dev.hil.drivers.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigSpec;

/**
 * The reset driver: a second Pi4J digital output, on the context (and provider) of the rig's
 * {@link GpioPowerSwitch}, wired to the device's reset pin. {@code active: low} (the usual nRESET)
 * means the pin is LOW while the device is held in reset. The pin starts, and is left at close and
 * at context shutdown, released: a device left in reset would look dead to whoever comes next.
 * Made by {@link GpioPowerSwitch#openResetLine}; the power switch owns the Pi4J context.
 */
public final class GpioResetLine implements ResetLine, AutoCloseable {
    private final DigitalOutput pin;
    private final DigitalState activeLevel;
    private final DigitalState releasedLevel;
    private boolean closed;

    private GpioResetLine(DigitalOutput pin, DigitalState activeLevel) {
        this.pin = pin;
        this.activeLevel = activeLevel;
        this.releasedLevel = activeLevel == DigitalState.HIGH ? DigitalState.LOW : DigitalState.HIGH;
    }

    static GpioResetLine create(Context pi4j, String providerId, RigSpec.ResetSpec spec) {
        DigitalState active = spec.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        DigitalState released = spec.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
        DigitalOutputConfig config = DigitalOutput.newConfigBuilder(pi4j)
                .id("reset-" + spec.pin())
                .name("device reset line")
                .address(spec.pin())
                .onState(active)
                .initial(released)
                .shutdown(released)
                .provider(providerId)
                .build();
        return new GpioResetLine(pi4j.create(config), active);
    }

    /** The Pi4J pin, for a {@link VirtualRelay} to listen on. */
    public DigitalOutput pin() {
        return pin;
    }

    /** The level that holds the device in reset. */
    public DigitalState activeLevel() {
        return activeLevel;
    }

    /** Pi4J notifies pin listeners on this thread before returning, so a wired device has stopped by then. */
    @Override
    public synchronized void hold() {
        requireOpen();
        pin.state(activeLevel);
    }

    @Override
    public synchronized void release() {
        requireOpen();
        pin.state(releasedLevel);
    }

    @Override
    public synchronized boolean held() {
        return !closed && pin.state() == activeLevel;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("reset line on pin " + pin.address() + " is closed");
        }
    }

    /** Drives the pin to "released". Idempotent; the Pi4J context stays with the power switch. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            pin.state(releasedLevel);
        } finally {
            closed = true;
        }
    }
}
