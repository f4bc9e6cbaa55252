package dev.hil.drivers.smp;

import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.TappedLink;
import java.time.Duration;
import java.util.ArrayDeque;

/** An in-memory serial link: the host side is the TappedLink, the device side reads and writes raw. */
final class MemoryLink extends TappedLink {
    private final ArrayDeque<Byte> toDevice = new ArrayDeque<>();
    private final ArrayDeque<Byte> toHost = new ArrayDeque<>();
    private boolean down;

    @Override
    protected synchronized void writeRaw(byte[] data, int off, int len) {
        if (down) {
            throw new LinkDownException("memory link is down");
        }
        for (int i = off; i < off + len; i++) {
            toDevice.add(data[i]);
        }
        notifyAll();
    }

    @Override
    protected synchronized int readRaw(byte[] buf, Duration timeout) {
        return take(toHost, buf, timeout);
    }

    synchronized int deviceRead(byte[] buf, Duration timeout) {
        return take(toDevice, buf, timeout);
    }

    synchronized void deviceWrite(byte[] data) {
        for (byte b : data) {
            toHost.add(b);
        }
        notifyAll();
    }

    synchronized void goDown() {
        down = true;
        notifyAll();
    }

    private int take(ArrayDeque<Byte> q, byte[] buf, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (q.isEmpty()) {
                if (down) {
                    throw new LinkDownException("memory link is down");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        int n = 0;
        while (n < buf.length && !q.isEmpty()) {
            buf[n++] = q.poll();
        }
        return n;
    }

    @Override
    public synchronized void discardInput() {
        toHost.clear();
    }

    @Override
    public void close() {
        goDown();
    }
}
