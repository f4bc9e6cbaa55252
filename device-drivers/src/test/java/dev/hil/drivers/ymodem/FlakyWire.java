package dev.hil.drivers.ymodem;

import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkTap;
import dev.hil.core.link.SerialLink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A link that misbehaves once, on purpose: it flips a byte of, or swallows, the n-th write that
 * carries image bytes (a data block), or swallows the n-th one-byte write of a given value (an
 * ACK), or flips the n-th byte read. Everything else passes to the real link unchanged.
 */
final class FlakyWire implements SerialLink {
    private final SerialLink real;
    private int corruptDataWrite = -1;
    private int corruptAt;
    private int dropDataWrite = -1;
    private int dropByteWrite = -1;
    private byte dropByteValue;
    private long corruptReadAt = -1;
    private int dataWrites;
    private int byteWrites;
    private long bytesRead;
    final AtomicInteger faults = new AtomicInteger();

    FlakyWire(SerialLink real) {
        this.real = real;
    }

    /** Flips the bits of wire byte {@code at} of the {@code n}-th data block write (1-based). */
    FlakyWire corruptDataBlock(int n, int at) {
        corruptDataWrite = n;
        corruptAt = at;
        return this;
    }

    /** Swallows the {@code n}-th data block write (1-based). */
    FlakyWire dropDataBlock(int n) {
        dropDataWrite = n;
        return this;
    }

    /** Swallows the {@code n}-th single-byte write of {@code value} (1-based). */
    FlakyWire dropByte(byte value, int n) {
        dropByteValue = value;
        dropByteWrite = n;
        return this;
    }

    /** Flips the bits of incoming byte number {@code offset} (0-based). */
    FlakyWire corruptRead(long offset) {
        corruptReadAt = offset;
        return this;
    }

    @Override
    public void write(byte[] wire, ImageSpan carried) {
        if (carried.carriesImage()) {
            dataWrites++;
            if (dataWrites == dropDataWrite) {
                faults.incrementAndGet();
                return;
            }
            if (dataWrites == corruptDataWrite) {
                byte[] bad = wire.clone();
                bad[corruptAt] ^= (byte) 0xFF;
                faults.incrementAndGet();
                real.write(bad, carried);
                return;
            }
        } else if (wire.length == 1 && wire[0] == dropByteValue && ++byteWrites == dropByteWrite) {
            faults.incrementAndGet();
            return;
        }
        real.write(wire, carried);
    }

    @Override
    public int read(byte[] buf, Duration timeout) {
        int n = real.read(buf, timeout);
        if (corruptReadAt >= bytesRead && corruptReadAt < bytesRead + n) {
            buf[(int) (corruptReadAt - bytesRead)] ^= (byte) 0xFF;
            faults.incrementAndGet();
        }
        bytesRead += n;
        return n;
    }

    @Override
    public void discardInput() {
        real.discardInput();
    }

    @Override
    public void addTap(LinkTap tap) {
        real.addTap(tap);
    }

    @Override
    public void removeTap(LinkTap tap) {
        real.removeTap(tap);
    }

    @Override
    public long imageBytesWritten() {
        return real.imageBytesWritten();
    }

    @Override
    public void startImage(long totalBytes) {
        real.startImage(totalBytes);
    }

    @Override
    public long imageBytesTotal() {
        return real.imageBytesTotal();
    }

    @Override
    public void close() {
        real.close();
    }
}
