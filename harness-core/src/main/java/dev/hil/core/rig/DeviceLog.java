package dev.hil.core.rig;

import java.util.function.Consumer;

/** The device's own log (stderr of a process device, console of a board). Lines arrive in order. */
public interface DeviceLog {
    /** Registers a listener called on the reading thread for every line; close the handle to stop. */
    AutoCloseable onLine(Consumer<String> listener);
}
