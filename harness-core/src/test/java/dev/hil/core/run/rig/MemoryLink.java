package dev.hil.core.run.rig;

import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.TappedLink;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A link whose far end is the in-memory device: writes go nowhere but count image bytes and serve
 * the taps like a real port; with the device unpowered a write fails as on a dead UART.
 */
public final class MemoryLink extends TappedLink {
    private final BooleanSupplier powered;
    private long written; // guarded by this
    private int discards; // guarded by this

    MemoryLink(BooleanSupplier powered) {
        this.powered = powered;
    }

    @Override
    protected synchronized void writeRaw(byte[] data, int off, int len) {
        if (!powered.getAsBoolean()) {
            throw new LinkDownException("device unpowered");
        }
        written += len;
    }

    @Override
    protected int readRaw(byte[] buf, Duration timeout) {
        return 0;
    }

    @Override
    public synchronized void discardInput() {
        discards++;
    }

    public synchronized long wireBytesWritten() {
        return written;
    }

    public synchronized int discards() {
        return discards;
    }

    @Override
    public void close() {
    }
}
