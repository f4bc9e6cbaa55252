package dev.hil.faults;

import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.TappedLink;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/** A link whose "port" is a byte array, to check where taps cut writes. */
final class MemoryLink extends TappedLink {
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    volatile boolean down;

    @Override
    protected void writeRaw(byte[] data, int off, int len) {
        if (down) {
            throw new LinkDownException("port gone");
        }
        sent.write(data, off, len);
    }

    @Override
    protected int readRaw(byte[] buf, Duration timeout) {
        return 0;
    }

    @Override
    public void discardInput() {
    }

    @Override
    public void close() {
    }
}
