package dev.hil.core.rig;

import java.util.function.Consumer;

/** The device's own log (stderr of a process device, console of a board). Lines arrive in order. */
public interface DeviceLog {
    /** Registers a listener called on the reading thread for every line; close the handle to stop. */
    AutoCloseable onLine(Consumer<String> listener);

    /**
     * Delivers, before returning, every line the device has written so far. A log read over its own
     * channel (a file, a second UART) lags the protocol; the runner calls this before a decision a
     * log trigger could still pre-empt (confirming an update that a cut "at boot" must beat).
     */
    default void catchUp() {
    }
}
