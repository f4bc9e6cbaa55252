package dev.hil.drivers.serial;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading a tty with plain read(): JDK 17's FileInputStream.readNBytes/readAllBytes try to seek
 * to size the result and fail with "Illegal seek" on a terminal.
 */
public final class TtyStreams {
    private TtyStreams() {
    }

    public static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(out, got, n - got);
            if (r < 0) {
                throw new EOFException("tty ended after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return out;
    }
}
