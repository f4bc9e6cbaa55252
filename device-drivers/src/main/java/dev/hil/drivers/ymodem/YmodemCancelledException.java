package dev.hil.drivers.ymodem;

/** The transfer was cancelled: by the peer (it sent CAN CAN) or locally through {@code cancel()}. */
public final class YmodemCancelledException extends YmodemException {
    private final boolean byPeer;

    public YmodemCancelledException(String message, boolean byPeer) {
        super(message);
        this.byPeer = byPeer;
    }

    /** True when the other side sent CAN CAN; false when this side was asked to cancel. */
    public boolean byPeer() {
        return byPeer;
    }
}
