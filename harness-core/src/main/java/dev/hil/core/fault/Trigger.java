package dev.hil.core.fault;

/**
 * SPI: when a fault lands (an image byte, a percentage, a time, a device-log line, ...).
 * A trigger fires at most once per arming.
 */
public interface Trigger {
    /** Starts watching; calls {@code fire} exactly once, on whatever thread saw the condition. */
    void arm(FaultContext context, Firing fire);

    /** Stops watching; safe to call more than once, also after firing. */
    void disarm();

    /** How the scenario file said it, e.g. {@code transferred 50%}. */
    String describe();

    /** Receives the firing with what the trigger saw at that instant (byte count, log line...). */
    @FunctionalInterface
    interface Firing {
        void fire(String observed);
    }
}
