package dev.hil.core.link;

/**
 * Changes the bytes crossing a {@link SerialLink}: what link faults (drop, corrupt, delay, stall,
 * duplicate, garbage) are made of. Filters sit between the protocol driver and the port, so they
 * act the same on a pseudo-terminal and a USB-UART. Called on the writing/reading thread; a filter
 * may block there (that is how delay and stall work).
 */
public interface LinkFilter {
    /**
     * Host→device bytes about to reach the port; returns what reaches it instead (the same array
     * when untouched, an empty one to drop them, a longer one to add bytes).
     */
    default byte[] outgoing(byte[] wire, Wire position) {
        return wire;
    }

    /** Device→host bytes as read; returns what the protocol driver gets instead. */
    default byte[] incoming(byte[] data) {
        return data;
    }

    /**
     * Where outgoing bytes sit: {@code wireOffset} host bytes went to the filters before them,
     * {@code imageBytes} image bytes had left the host, and whether these bytes carry image bytes.
     */
    record Wire(long wireOffset, long imageBytes, boolean carriesImage) {
    }
}
