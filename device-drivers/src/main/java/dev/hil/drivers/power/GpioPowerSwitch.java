package dev.hil.drivers.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.RigSpec;

/**
 * The relay driver: one Pi4J 2 digital output whose level switches the device supply.
 * {@code active: high} means the pin is HIGH while the device is powered, {@code low} the reverse
 * (many relay boards switch on a LOW input). The Pi4J context is built explicitly with only the
 * chosen provider: auto-detection would pick up whatever plugins are on the classpath.
 * The pin starts, and is left at shutdown, at the "off" level. A rig's reset pin
 * ({@link #openResetLine}) shares the context, so both are released by one shutdown.
 */
public final class GpioPowerSwitch implements PowerSwitch, AutoCloseable {
    private final Context pi4j;
    private final String providerId;
    private final GpioOutputPin pin;
    private boolean closed; // guarded by this

    private GpioPowerSwitch(Context pi4j, String providerId, GpioOutputPin pin) {
        this.pi4j = pi4j;
        this.providerId = providerId;
        this.pin = pin;
    }

    /** Opens the pin the rig file names; {@code kind} must be {@code pi4j}. */
    public static GpioPowerSwitch open(RigSpec.PowerSpec spec) {
        if (!"pi4j".equals(spec.kind())) {
            throw new IllegalArgumentException("power kind '" + spec.kind() + "' is not driven by GPIO (expected pi4j)");
        }
        DigitalOutputProvider provider = Pi4jProviders.provider(spec.provider(), spec.wiring().gpioRoot());
        Context ctx = Pi4jProviders.context(provider);
        try {
            return new GpioPowerSwitch(ctx, provider.id(), GpioOutputPin.create(ctx, provider.id(), "power",
                    "device supply relay", spec.pin(), spec.activeHigh()));
        } catch (RuntimeException e) {
            ctx.shutdown();
            throw Pi4jProviders.explained(spec.provider(), spec.wiring().gpioRoot(), e);
        }
    }

    /**
     * Opens the rig's reset pin as a second output on this switch's Pi4J context and provider (one
     * GPIO chip, one context), released. Closing this switch shuts the context down, which leaves
     * the reset pin released too.
     */
    public synchronized GpioResetLine openResetLine(RigSpec.ResetSpec spec) {
        if (closed) {
            throw new IllegalStateException("power switch on pin " + pin.address() + " is closed");
        }
        if (spec.pin() == pin.address()) {
            throw new IllegalArgumentException("reset pin " + spec.pin() + " is the power pin");
        }
        return GpioResetLine.create(pi4j, providerId, spec);
    }

    /** The Pi4J pin, for a {@link VirtualRelay} to listen on. */
    public DigitalOutput pin() {
        return pin.pin();
    }

    public DigitalState onLevel() {
        return pin.activeLevel();
    }

    /** Pi4J notifies pin listeners on this thread before returning, so a relay has acted by then. */
    @Override
    public void on() {
        pin.drive(true);
    }

    @Override
    public void off() {
        pin.drive(false);
    }

    @Override
    public boolean isOn() {
        return pin.isActive();
    }

    /** Drives the pin to "off" and shuts the Pi4J context down. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pin.close();
        } finally {
            pi4j.shutdown();
        }
    }
}
