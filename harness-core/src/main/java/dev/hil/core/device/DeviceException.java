package dev.hil.core.device;

/** A device did not do what the protocol asked; the message names the reason for the report. */
public class DeviceException extends RuntimeException {
    public enum Kind { TIMEOUT, PROTOCOL, REFUSED, LINK_DOWN }

    private final Kind kind;

    public DeviceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DeviceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
