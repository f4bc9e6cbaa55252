package dev.hil.core.rig;

/**
 * SPI: what cuts and restores the device's supply (a relay on a GPIO pin, a QEMU monitor, ...).
 * Both calls are synchronous: when {@link #off()} returns the device has lost power.
 */
public interface PowerSwitch {
    void on();

    void off();

    boolean isOn();
}
