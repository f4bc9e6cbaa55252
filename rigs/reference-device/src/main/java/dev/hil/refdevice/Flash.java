package dev.hil.refdevice;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * NOR flash kept in a file. Erase sets a sector to 0xFF; programming can only clear bits
 * (new = old AND data), in page writes that never cross a 256-byte page, each its own pwrite(2).
 * That way a SIGKILL leaves at most one page or one erase half-done, as on a real part.
 * No fsync: SIGKILL does not drop the page cache, and the rig models power loss by killing the
 * process, not the host, so every completed write is seen by the next boot.
 */
public final class Flash implements Closeable {
    public static final int PAGE = 256;
    private static final byte[] ERASED_PAGE = filled(PAGE);

    private final FileChannel file;
    private final FlashLayout layout;
    private final long eraseMillis;
    private final PowerFailure power;
    private final EventLog log;
    private long operations;
    private boolean dead;

    private Flash(FileChannel file, FlashLayout layout, long eraseMillis, PowerFailure power, EventLog log) {
        this.file = file;
        this.layout = layout;
        this.eraseMillis = eraseMillis;
        this.power = power;
        this.log = log;
    }

    /** Opens (or creates, erased) the flash file; a short file from an interrupted creation is topped up with 0xFF. */
    public static Flash open(Path path, FlashLayout layout, long eraseMillis, PowerFailure power, EventLog log)
            throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long want = layout.at(layout.totalSectors());
        long have = ch.size();
        for (long pos = have - have % PAGE; pos < want; pos += PAGE) {
            ch.write(ByteBuffer.wrap(ERASED_PAGE), pos);
        }
        return new Flash(ch, layout, eraseMillis, power, log);
    }

    public FlashLayout layout() {
        return layout;
    }

    /** Flash operations (erases and page programs) done since opening. */
    public long operations() {
        return operations;
    }

    public byte[] read(long offset, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        try {
            while (b.hasRemaining()) {
                if (file.read(b, offset + b.position()) < 0) {
                    throw new IOException("flash file ends at " + (offset + b.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.array();
    }

    public byte[] readSector(int sector) {
        return read(layout.at(sector), layout.sectorSize());
    }

    /** Erase takes time on real NOR; the sleep gives a kill a window to land inside a swap step. */
    public void erase(int sector) {
        PowerFailure.Outcome outcome = begin();
        log.event("flash: erase sector " + sector);
        sleepErase();
        long base = layout.at(sector);
        int pages = layout.sectorSize() / PAGE;
        int done = outcome == PowerFailure.Outcome.TORN ? pages / 2 : pages;
        for (int p = 0; p < done; p++) {
            pwrite(base + (long) p * PAGE, ERASED_PAGE, 0, PAGE);
        }
        end(outcome, "erase of sector " + sector);
    }

    /** Programs {@code data} at {@code offset}, one operation per touched page; all-0xFF pages are skipped (a no-op on NOR). */
    public void program(long offset, byte[] data) {
        if (data.length == 0) {
            return;
        }
        log.event("flash: write sector " + (offset / layout.sectorSize()) + " off " + (offset % layout.sectorSize())
                + " len " + data.length);
        int i = 0;
        while (i < data.length) {
            long at = offset + i;
            int n = (int) Math.min(data.length - i, PAGE - at % PAGE);
            if (!isErased(data, i, n)) {
                programPage(at, data, i, n);
            }
            i += n;
        }
    }

    private void programPage(long at, byte[] data, int from, int n) {
        PowerFailure.Outcome outcome = begin();
        byte[] cur = read(at, n);
        int len = outcome == PowerFailure.Outcome.TORN ? Math.max(1, n / 2) : n;
        for (int j = 0; j < len; j++) {
            cur[j] &= data[from + j];
        }
        pwrite(at, cur, 0, len);
        end(outcome, "page write at " + at);
    }

    private PowerFailure.Outcome begin() {
        if (dead) {
            throw new PowerLossException("flash used after power loss");
        }
        PowerFailure.Outcome outcome = power.at(++operations);
        if (outcome == PowerFailure.Outcome.LOST_BEFORE) {
            dead = true;
            throw new PowerLossException("power lost before flash operation " + operations);
        }
        return outcome;
    }

    private void end(PowerFailure.Outcome outcome, String what) {
        if (outcome == PowerFailure.Outcome.TORN) {
            dead = true;
            throw new PowerLossException("power lost during " + what + " (operation " + operations + ")");
        }
    }

    private void pwrite(long pos, byte[] b, int off, int len) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                file.write(buf, pos + (buf.position() - off));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sleepErase() {
        if (eraseMillis > 0) {
            try {
                Thread.sleep(eraseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static boolean isErased(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    static byte[] filled(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 0xFF);
        return b;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
