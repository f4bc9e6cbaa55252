package dev.hil.faults;

import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.TappedLink;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A link whose "port" is a byte array, to check where taps cut writes and what filters change. */
final class MemoryLink extends TappedLink {
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    /** Device→host reads the test queues; each read returns one queued array. */
    final ConcurrentLinkedQueue<byte[]> toHost = new ConcurrentLinkedQueue<>();
    volatile boolean down;

    @Override
    protected void writeRaw(byte[] data, int off, int len) {
        if (down) {
            throw new LinkDownException("port gone");
        }
        synchronized (sent) {
            sent.write(data, off, len);
        }
    }

    byte[] sentBytes() {
        synchronized (sent) {
            return sent.toByteArray();
        }
    }

    @Override
    protected int readRaw(byte[] buf, Duration timeout) {
        byte[] next = toHost.poll();
        if (next == null) {
            return 0;
        }
        System.arraycopy(next, 0, buf, 0, next.length);
        return next.length;
    }

    @Override
    public void discardInput() {
        toHost.clear();
    }

    @Override
    public void close() {
    }
}
