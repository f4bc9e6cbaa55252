package dev.hil.refdevice;

/**
 * The device's log: one line per event. On the real process it is stderr, which the harness reads
 * to fire log and phase triggers, so a line must be out before the next flash operation starts.
 */
@FunctionalInterface
public interface EventLog {
    void event(String line);
}
