package dev.hil.faults;

import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import java.io.ByteArrayOutputStream;

/**
 * Sends an image the way a line-framed console protocol does: one write per chunk, each chunk in
 * lines of {@code perLine} image bytes: two start bytes (0x06 0x09 first, 0x04 0x14 after), two
 * letters per image byte, '\n'. Letters only, so a test can tell any change apart.
 */
final class LineUpload {
    final int size;
    final int chunk;
    final int perLine;

    LineUpload(int size, int chunk, int perLine) {
        this.size = size;
        this.chunk = chunk;
        this.perLine = perLine;
    }

    /** Sends the whole image as one transfer. */
    void send(MemoryLink link) {
        link.startImage(size);
        for (int off = 0; off < size; off += chunk) {
            if (!sendChunk(link, off)) {
                return;
            }
        }
    }

    /** Sends the chunk at {@code off}; false when the link went down. */
    boolean sendChunk(MemoryLink link, int off) {
        int n = Math.min(chunk, size - off);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int[] prefix = new int[n + 1];
        for (int k = 0; k < n; k++) {
            if (k % perLine == 0) {
                if (k > 0) {
                    wire.write('\n');
                }
                wire.write(k == 0 ? 0x06 : 0x04);
                wire.write(k == 0 ? 0x09 : 0x14);
                if (k == 0) {
                    prefix[0] = wire.size();
                }
            }
            int v = off + k;
            wire.write('A' + v % 26);
            wire.write('a' + (v / 26) % 26);
            prefix[k + 1] = wire.size();
        }
        wire.write('\n');
        try {
            link.write(wire.toByteArray(), new ImageSpan(off, prefix));
            return true;
        } catch (LinkDownException e) {
            return false;
        }
    }

    /** The wire bytes of an undisturbed transfer. */
    byte[] clean() {
        BenchRig rig = new BenchRig(size, java.util.Map.of());
        send(rig.link);
        rig.close();
        return rig.link.sentBytes();
    }

    /** Wire bytes on the wire when exactly {@code n} image bytes have left the host (and nothing more). */
    int wireAt(long n) {
        if (n == 0) {
            return 2;
        }
        long full = (n - 1) / chunk; // chunks before the one holding byte n
        int inChunk = (int) (n - full * chunk);
        return (int) (full * chunkWire(chunk)) + 2 + 2 * inChunk + 3 * ((inChunk - 1) / perLine);
    }

    private int chunkWire(int n) {
        int lines = (n + perLine - 1) / perLine;
        return 2 * n + 3 * lines;
    }
}
