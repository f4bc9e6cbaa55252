package dev.hil.core.link;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tap mechanics every port shares: splitting writes at the image-byte boundaries taps ask
 * for, counting image bytes and feeding the transcript. Ports implement only raw I/O.
 */
public abstract class TappedLink implements SerialLink {
    private final List<LinkTap> taps = new CopyOnWriteArrayList<>();
    private final List<LinkFilter> filters = new CopyOnWriteArrayList<>();
    private volatile long imageWritten;
    private volatile long imageTotal;
    private long wireOffset; // host bytes handed to the filters so far; guarded by writes being serial
    private byte[] pendingIn = new byte[0]; // filtered incoming bytes that did not fit the caller's buffer
    private boolean writingImage;

    /** Writes all bytes to the port (blocking until the OS took them) or throws LinkDownException. */
    protected abstract void writeRaw(byte[] data, int off, int len);

    /** Reads raw bytes, at most {@code timeout}; returns 0 on timeout. */
    protected abstract int readRaw(byte[] buf, Duration timeout);

    @Override
    public final void write(byte[] wire, ImageSpan carried) {
        int done = 0;
        writingImage = carried != null && carried.carriesImage();
        if (writingImage) {
            long first = carried.firstImageByte();
            int k = 0; // image bytes of this span already on the wire
            while (true) {
                // The nearest boundary a tap wants that this write reaches and that is not behind
                // what already left the host (a retransmitted chunk does not fire twice).
                long boundary = Long.MAX_VALUE;
                for (LinkTap t : taps) {
                    long b = t.imageBoundary();
                    if (b >= first + k && b <= first + carried.count() && b >= imageWritten && b < boundary) {
                        boundary = b;
                    }
                }
                if (boundary == Long.MAX_VALUE) {
                    break;
                }
                k = (int) (boundary - first);
                int upTo = carried.wirePrefix()[k];
                emit(wire, done, upTo - done);
                done = Math.max(done, upTo);
                imageWritten = boundary;
                for (LinkTap t : taps) {
                    if (t.imageBoundary() == boundary) {
                        t.atImageBoundary(boundary, done);
                        if (t.imageBoundary() == boundary) {
                            throw new IllegalStateException("tap kept its boundary after it was reached: " + t);
                        }
                    }
                }
            }
            emit(wire, done, wire.length - done);
            imageWritten = Math.max(imageWritten, first + carried.count());
        } else {
            emit(wire, 0, wire.length);
        }
    }

    private void emit(byte[] data, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (!filters.isEmpty()) {
            byte[] piece = java.util.Arrays.copyOfRange(data, off, off + len);
            LinkFilter.Wire at = new LinkFilter.Wire(wireOffset, imageWritten, writingImage);
            wireOffset += len;
            for (LinkFilter f : filters) {
                piece = f.outgoing(piece, at);
            }
            data = piece;
            off = 0;
            len = piece.length;
            if (len == 0) {
                return;
            }
        } else {
            wireOffset += len;
        }
        writeRaw(data, off, len);
        for (LinkTap t : taps) {
            t.onWrite(data, off, len); // what really went to the port, after the filters
        }
    }

    @Override
    public final int read(byte[] buf, Duration timeout) {
        int n;
        if (pendingIn.length > 0) {
            n = Math.min(buf.length, pendingIn.length);
            System.arraycopy(pendingIn, 0, buf, 0, n);
            pendingIn = java.util.Arrays.copyOfRange(pendingIn, n, pendingIn.length);
        } else {
            n = readRaw(buf, timeout);
            if (n > 0 && !filters.isEmpty()) {
                byte[] piece = java.util.Arrays.copyOf(buf, n);
                for (LinkFilter f : filters) {
                    piece = f.incoming(piece);
                }
                n = Math.min(buf.length, piece.length);
                System.arraycopy(piece, 0, buf, 0, n);
                pendingIn = java.util.Arrays.copyOfRange(piece, n, piece.length);
            }
        }
        if (n > 0) {
            for (LinkTap t : taps) {
                t.onRead(buf, 0, n);
            }
        }
        return n;
    }

    /** Puts a filter between the driver and the port (after those already there). */
    @Override
    public void addFilter(LinkFilter filter) {
        filters.add(filter);
    }

    @Override
    public void removeFilter(LinkFilter filter) {
        filters.remove(filter);
    }

    @Override
    public void addTap(LinkTap tap) {
        taps.add(tap);
    }

    @Override
    public void removeTap(LinkTap tap) {
        taps.remove(tap);
    }

    @Override
    public long imageBytesWritten() {
        return imageWritten;
    }

    @Override
    public void startImage(long totalBytes) {
        imageWritten = 0;
        imageTotal = totalBytes;
        for (LinkTap t : taps) {
            t.onImageStart(totalBytes);
        }
    }

    @Override
    public long imageBytesTotal() {
        return imageTotal;
    }
}
