package dev.hil.refdevice;

/** Power failed during a flash operation (injected in tests); the device object is dead from here on. */
public final class PowerLossException extends RuntimeException {
    public PowerLossException(String message) {
        super(message);
    }
}
