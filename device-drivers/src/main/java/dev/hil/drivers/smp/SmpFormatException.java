package dev.hil.drivers.smp;

/** Bytes that claim to be SMP but are not well-formed (bad header length, bad CBOR, bad framing). */
public class SmpFormatException extends RuntimeException {
    public SmpFormatException(String message) {
        super(message);
    }

    public SmpFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
