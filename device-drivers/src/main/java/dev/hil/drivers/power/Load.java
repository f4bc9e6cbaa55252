package dev.hil.drivers.power;

/** What hangs on a relay's output: gets its supply connected and cut. */
public interface Load {
    /** Supply connected; returns once the load is running. */
    void powerOn();

    /** Supply cut; returns once the load has stopped. */
    void powerOff();
}
