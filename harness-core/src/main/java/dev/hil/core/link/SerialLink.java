package dev.hil.core.link;

import java.time.Duration;

/**
 * A byte channel to the device's UART with taps between the protocol driver and the port, so
 * faults and transcripts work the same on a pseudo-terminal and a USB-UART.
 */
public interface SerialLink extends AutoCloseable {
    /**
     * Writes wire bytes. {@code carried} says which image bytes these wire bytes carry (or
     * {@link ImageSpan#NONE}); taps that asked for an image-byte boundary inside it get control
     * after exactly that many image bytes have left the host and before the next wire byte does.
     *
     * @throws LinkDownException when the port is gone (device unpowered) or a fault cut it mid-write
     */
    void write(byte[] wire, ImageSpan carried);

    /** Reads up to {@code buf.length} bytes, waiting at most {@code timeout}; 0 on timeout. */
    int read(byte[] buf, Duration timeout);

    /** Drops bytes the device sent that nobody read yet. */
    void discardInput();

    void addTap(LinkTap tap);

    void removeTap(LinkTap tap);

    /** Puts a filter (a link fault) between the driver and the port; {@link TappedLink} has them. */
    default void addFilter(LinkFilter filter) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot carry link faults");
    }

    default void removeFilter(LinkFilter filter) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot carry link faults");
    }

    /** Image bytes that left the host since the last {@link #startImage(long)}. */
    long imageBytesWritten();

    /** Starts counting a new image transfer of {@code totalBytes} bytes. */
    void startImage(long totalBytes);

    /** Total bytes of the image transfer in progress (0 if none). */
    long imageBytesTotal();

    @Override
    void close();
}
