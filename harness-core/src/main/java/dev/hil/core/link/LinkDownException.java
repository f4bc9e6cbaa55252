package dev.hil.core.link;

/** The port went away: the device lost power or a fault cut the link. */
public class LinkDownException extends RuntimeException {
    public LinkDownException(String message) {
        super(message);
    }

    public LinkDownException(String message, Throwable cause) {
        super(message, cause);
    }
}
