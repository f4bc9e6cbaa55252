package dev.hil.core.run.rig;

import dev.hil.core.rig.PowerSwitch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A supply that only remembers its state and every switching, and tells the device when it changes. */
public final class SwitchedPower implements PowerSwitch {
    private final List<Boolean> switched = new ArrayList<>();
    private final List<Consumer<Boolean>> wired = new ArrayList<>();
    private boolean on;

    /** {@code listener} sees every change of state (the device starting or dying). */
    synchronized void wire(Consumer<Boolean> listener) {
        wired.add(listener);
    }

    @Override
    public void on() {
        set(true);
    }

    @Override
    public void off() {
        set(false);
    }

    private void set(boolean value) {
        boolean changed;
        synchronized (this) {
            switched.add(value);
            changed = on != value;
            on = value;
        }
        if (changed) {
            wired.forEach(l -> l.accept(value));
        }
    }

    @Override
    public synchronized boolean isOn() {
        return on;
    }

    /** Every on (true) and off (false) call in order, also those that changed nothing. */
    public synchronized List<Boolean> switched() {
        return List.copyOf(switched);
    }
}
