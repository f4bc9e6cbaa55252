package dev.hil.drivers.power;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;

/**
 * A relay wired to a (mock) GPIO pin: when the pin goes to its "on" level the load gets power,
 * at the "off" level the load loses it. Wired to a reset pin it drives the device's
 * {@link ResetInput} instead: active level holds the device in reset, the other releases it.
 * It acts only on pin state changes, so power and reset go through the same Pi4J path as on a
 * bench. Pi4J calls listeners on the thread that set the pin and swallows their exceptions (it
 * only logs them), so a failed switch is kept here and handed to whoever asks via
 * {@link #takeFailure()}.
 */
public final class VirtualRelay implements DigitalStateChangeListener, AutoCloseable {
    private final DigitalOutput pin;
    private final DigitalState onLevel;
    private final Runnable atOnLevel;
    private final Runnable atOffLevel;
    private RuntimeException failure;

    private VirtualRelay(DigitalOutput pin, DigitalState onLevel, Runnable atOnLevel, Runnable atOffLevel) {
        this.pin = pin;
        this.onLevel = onLevel;
        this.atOnLevel = atOnLevel;
        this.atOffLevel = atOffLevel;
    }

    public static VirtualRelay wire(GpioPowerSwitch power, Load load) {
        return wire(power.pin(), power.onLevel(), load);
    }

    public static VirtualRelay wire(DigitalOutput pin, DigitalState onLevel, Load load) {
        return wire(new VirtualRelay(pin, onLevel, load::powerOn, load::powerOff));
    }

    /** Wires a reset pin to a device's reset input. */
    public static VirtualRelay wire(GpioResetLine reset, ResetInput input) {
        return wire(new VirtualRelay(reset.pin(), reset.activeLevel(), input::holdInReset, input::releaseFromReset));
    }

    private static VirtualRelay wire(VirtualRelay relay) {
        relay.pin.addListener(relay);
        return relay;
    }

    @Override
    public void onDigitalStateChange(DigitalStateChangeEvent event) {
        try {
            if (event.state() == onLevel) {
                atOnLevel.run();
            } else {
                atOffLevel.run();
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    /** The exception the last switching raised, if any; cleared by this call. */
    public synchronized RuntimeException takeFailure() {
        RuntimeException f = failure;
        failure = null;
        return f;
    }

    /**
     * Switches the pin with {@code change} and makes the wired device's failure to follow (the
     * program would not start) the caller's exception. With an {@code undo}, the pin is first put
     * back where the device actually is, so a retry switches it again.
     */
    public void switchPin(Runnable change, Runnable undo) {
        change.run();
        RuntimeException failure = takeFailure();
        if (failure != null) {
            if (undo != null) {
                undo.run();
                takeFailure();
            }
            throw failure;
        }
    }

    /** Unwires the relay from the pin (the load is left as it is). */
    @Override
    public void close() {
        pin.removeListener(this);
    }
}
