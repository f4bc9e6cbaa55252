package dev.hil.refdevice.smp;

/** Bytes that claim to be SMP but are malformed: header, CBOR payload or serial framing. */
public final class SmpError extends Exception {
    public SmpError(String message) {
        super(message);
    }
}
