package dev.hil.drivers.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
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
    private final GpioOutputPin pin;

    private GpioResetLine(GpioOutputPin pin) {
        this.pin = pin;
    }

    static GpioResetLine create(Context pi4j, String providerId, RigSpec.ResetSpec spec) {
        return new GpioResetLine(GpioOutputPin.create(pi4j, providerId, "reset", "device reset line", spec.pin(),
                spec.activeHigh()));
    }

    /** The Pi4J pin, for a {@link VirtualRelay} to listen on. */
    public DigitalOutput pin() {
        return pin.pin();
    }

    /** The level that holds the device in reset. */
    public DigitalState activeLevel() {
        return pin.activeLevel();
    }

    /** Pi4J notifies pin listeners on this thread before returning, so a wired device has stopped by then. */
    @Override
    public void hold() {
        pin.drive(true);
    }

    @Override
    public void release() {
        pin.drive(false);
    }

    @Override
    public boolean held() {
        return pin.isActive();
    }

    /** Drives the pin to "released". Idempotent; the Pi4J context stays with the power switch. */
    @Override
    public void close() {
        pin.close();
    }
}
