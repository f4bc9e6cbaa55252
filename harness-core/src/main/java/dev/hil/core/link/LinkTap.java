package dev.hil.core.link;

/**
 * Sees the bytes crossing a {@link SerialLink} and may ask for control at an exact image byte.
 * Callbacks run on the writing or reading thread and must be quick.
 */
public interface LinkTap {
    /**
     * The image byte count after which this tap wants {@link #atImageBoundary}, or -1 for none.
     * Asked before every write that carries image bytes.
     */
    default long imageBoundary() {
        return -1;
    }

    /**
     * Called when exactly {@code imageBytes} image bytes ({@code wireBytes} wire bytes of the
     * current write) have left the host and nothing after them.
     */
    default void atImageBoundary(long imageBytes, long wireBytes) {
    }

    /**
     * A new image transfer starts ({@link SerialLink#startImage}): the update client begins an
     * upload, or begins it again after giving up an attempt. Faults that last "until the client
     * tries again" end here.
     */
    default void onImageStart(long totalBytes) {
    }

    /** Outgoing bytes, after they were written. */
    default void onWrite(byte[] data, int off, int len) {
    }

    /** Incoming bytes, as read. */
    default void onRead(byte[] data, int off, int len) {
    }
}
