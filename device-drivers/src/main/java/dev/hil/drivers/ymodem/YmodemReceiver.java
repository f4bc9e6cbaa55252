package dev.hil.drivers.ymodem;

import static dev.hil.drivers.ymodem.YmodemTimeouts.seconds;
import static dev.hil.drivers.ymodem.YmodemWire.ACK;
import static dev.hil.drivers.ymodem.YmodemWire.CAN;
import static dev.hil.drivers.ymodem.YmodemWire.CRC_REQUEST;
import static dev.hil.drivers.ymodem.YmodemWire.EOT;
import static dev.hil.drivers.ymodem.YmodemWire.NAK;
import static dev.hil.drivers.ymodem.YmodemWire.SOH;
import static dev.hil.drivers.ymodem.YmodemWire.STX;

import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.SerialLink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Receives a YMODEM batch (CRC-16, 128- and 1024-byte blocks) the way a bootloader would: asks
 * with 'C', checks block numbers, complements and CRCs, NAKs bad blocks, re-ACKs a repeated block
 * (its ACK was lost), cuts the padding off using the size in the header, NAKs the first EOT and
 * ACKs the second. Not thread-safe except {@link #cancel()}.
 */
public final class YmodemReceiver {
    private final SerialLink link;
    private final YmodemTimeouts timeouts;
    private final TransferProgress progress;
    private final LinkInput in;
    private final byte[] block = new byte[YmodemWire.HEADER + YmodemWire.LONG_BLOCK + YmodemWire.CRC];
    private volatile boolean cancelRequested;
    private int naksSent;

    public YmodemReceiver(SerialLink link) {
        this(link, YmodemTimeouts.DEFAULTS, TransferProgress.NONE);
    }

    public YmodemReceiver(SerialLink link, YmodemTimeouts timeouts, TransferProgress progress) {
        this.link = link;
        this.timeouts = timeouts;
        this.progress = progress;
        this.in = new LinkInput(link, this::checkCancel);
    }

    /**
     * Receives a batch into {@code dir}. Each file is written as {@code NAME.part} and renamed to
     * NAME (replacing an older one) only once complete, so an aborted transfer never leaves a
     * file that looks whole; the header's modification time is applied.
     *
     * @throws YmodemCancelledException the sender sent CAN CAN, or {@link #cancel()} was called
     * @throws YmodemException          a step failed or timed out (CAN CAN was sent to the sender)
     * @throws LinkDownException        the port went away
     */
    public List<ReceivedFile> receiveInto(Path dir) {
        return receive(new DirectorySink(dir));
    }

    /** Receives a batch into memory; see {@link #receiveInto}. */
    public List<ReceivedFile> receiveInMemory() {
        return receive(new MemorySink());
    }

    /** Asks a running receive (on another thread) to stop: it sends CAN CAN and throws. */
    public void cancel() {
        cancelRequested = true;
    }

    /** NAKs sent during the last receive (bad, missing or out-of-place blocks, and the EOT handshake). */
    public int naksSent() {
        return naksSent;
    }

    /** Where a file's bytes go. */
    private interface Sink {
        OutputStream open(YmodemHeader h) throws IOException;

        ReceivedFile finish(YmodemHeader h, long size) throws IOException;

        void abandon();
    }

    private List<ReceivedFile> receive(Sink sink) {
        naksSent = 0;
        List<ReceivedFile> files = new ArrayList<>();
        try {
            boolean first = true;
            while (true) {
                YmodemHeader h = receiveHeader(first);
                first = false;
                if (h.endsBatch()) {
                    send(ACK);
                    return files;
                }
                files.add(receiveFile(h, sink));
            }
        } catch (YmodemCancelledException e) {
            sink.abandon();
            if (!e.byPeer()) {
                abort();
            }
            throw e;
        } catch (YmodemException e) {
            sink.abandon();
            abort();
            throw e;
        } catch (IOException e) {
            sink.abandon();
            abort();
            throw new UncheckedIOException("cannot store a received file: " + e.getMessage(), e);
        } catch (LinkDownException e) {
            sink.abandon();
            throw e;
        }
    }

    /** 'C' until a valid block 0 arrives. The first file may wait for {@code start}; later ones one reply time per try. */
    private YmodemHeader receiveHeader(boolean first) {
        Duration wait = first ? timeouts.poll() : timeouts.reply();
        long giveUp = first ? System.nanoTime() + timeouts.start().toNanos() : Long.MAX_VALUE;
        int tries = 0;
        String last = "nothing arrived";
        while (true) {
            send(CRC_REQUEST);
            Incoming b = readBlock(wait);
            if (b.kind == Kind.GOOD && b.number == 0) {
                return YmodemHeader.parse(Arrays.copyOfRange(block, YmodemWire.HEADER,
                        YmodemWire.HEADER + b.size));
            }
            if (b.kind == Kind.EOT) {
                send(ACK); // a repeated EOT whose ACK was lost
                continue;
            }
            if (b.kind == Kind.BAD) {
                last = b.defect;
                in.drainUntilQuiet(timeouts.character());
            } else if (b.kind == Kind.GOOD) {
                last = "block " + b.number + " instead of a header";
            }
            tries++;
            boolean outOfTime = first ? System.nanoTime() - giveUp >= 0 : tries >= timeouts.retries();
            if (outOfTime) {
                throw new YmodemException(first && b.kind == Kind.SILENCE && tries > 0 && last.equals("nothing arrived")
                        ? "no YMODEM header within " + seconds(timeouts.start()) + " (sent 'C' " + tries + " times)"
                        : "no valid header block after " + tries + " tries (last: " + last + ")");
            }
        }
    }

    private ReceivedFile receiveFile(YmodemHeader h, Sink sink) throws IOException {
        OutputStream out = sink.open(h);
        send(ACK);
        send(CRC_REQUEST); // ready for the data
        long stored = 0;
        int expected = 1;
        int errors = 0;
        boolean eotNaked = false;
        String last = null;
        try (out) {
            while (true) {
                Incoming b = readBlock(timeouts.reply());
                String what = "block " + expected + " of " + h.name();
                switch (b.kind) {
                    case GOOD -> {
                        if (b.number == (expected & 0xFF)) {
                            int keep = h.size() < 0 ? b.size : (int) Math.min(b.size, h.size() - stored);
                            out.write(block, YmodemWire.HEADER, keep);
                            stored += keep;
                            expected++;
                            errors = 0;
                            eotNaked = false;
                            send(ACK);
                            progress.advanced(h.name(), stored, h.size());
                        } else if (b.number == ((expected - 1) & 0xFF)) {
                            // Our ACK was lost and the sender repeats the block: ACK again, keep one copy.
                            send(ACK);
                            if (expected == 1) {
                                send(CRC_REQUEST); // a repeated header: the sender waits for 'C' again
                            }
                        } else {
                            throw new YmodemException("block out of sequence in " + h.name() + ": expected "
                                    + (expected & 0xFF) + ", got " + b.number);
                        }
                        continue;
                    }
                    case EOT -> {
                        if (!eotNaked) {
                            eotNaked = true; // a lone EOT may be line noise: make the sender say it twice
                            nak();
                            continue;
                        }
                        if (h.size() >= 0 && stored < h.size()) {
                            throw new YmodemException(h.name() + " ended after " + stored + " of " + h.size() + " bytes");
                        }
                        out.close();
                        ReceivedFile f = sink.finish(h, stored);
                        send(ACK);
                        return f;
                    }
                    case BAD -> {
                        last = b.defect;
                        in.drainUntilQuiet(timeouts.character());
                    }
                    case SILENCE -> last = "nothing within " + seconds(timeouts.reply());
                    default -> throw new IllegalStateException(b.kind.toString());
                }
                errors++;
                if (errors >= timeouts.retries()) {
                    throw new YmodemException(what + ": " + errors + " bad tries in a row (last: " + last + ")");
                }
                nak();
            }
        }
    }

    private enum Kind { GOOD, BAD, EOT, SILENCE }

    private record Incoming(Kind kind, int number, int size, String defect) {
        static Incoming of(Kind k) {
            return new Incoming(k, -1, 0, null);
        }

        static Incoming bad(String defect) {
            return new Incoming(Kind.BAD, -1, 0, defect);
        }
    }

    /** Reads one block into {@link #block}; noise before a start byte is skipped, CAN CAN throws. */
    private Incoming readBlock(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            int first = in.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (first < 0) {
                return Incoming.of(Kind.SILENCE);
            }
            if (first == EOT) {
                return Incoming.of(Kind.EOT);
            }
            if (first == CAN) {
                if (in.next(timeouts.character()) == CAN) {
                    throw new YmodemCancelledException("sender cancelled the transfer (CAN CAN)", true);
                }
                continue;
            }
            if (first != SOH && first != STX) {
                continue; // noise between blocks
            }
            int size = first == STX ? YmodemWire.LONG_BLOCK : YmodemWire.SHORT_BLOCK;
            block[0] = (byte) first;
            int rest = 2 + size + YmodemWire.CRC;
            if (!in.readFully(block, 1, rest, timeouts.character())) {
                return Incoming.bad("block ended early (line quiet for " + seconds(timeouts.character()) + ")");
            }
            String defect = YmodemWire.defect(block, size);
            return defect == null ? new Incoming(Kind.GOOD, block[1] & 0xFF, size, null) : Incoming.bad(defect);
        }
    }

    private void nak() {
        naksSent++;
        send(NAK);
    }

    private void send(byte b) {
        link.write(new byte[] {b}, ImageSpan.NONE);
    }

    private void checkCancel() {
        if (cancelRequested) {
            cancelRequested = false;
            throw new YmodemCancelledException("transfer cancelled by this side", false);
        }
    }

    private void abort() {
        try {
            link.write(YmodemWire.CANCEL, ImageSpan.NONE);
        } catch (LinkDownException ignored) {
            // nobody to tell
        }
    }

    private static final class DirectorySink implements Sink {
        private final Path dir;
        private Path part;

        DirectorySink(Path dir) {
            this.dir = dir;
        }

        @Override
        public OutputStream open(YmodemHeader h) throws IOException {
            try {
                YmodemHeader.checkName(h.name());
            } catch (IllegalArgumentException e) {
                throw new YmodemException("refusing file name from sender: " + e.getMessage());
            }
            Files.createDirectories(dir);
            part = dir.resolve(h.name() + ".part");
            return Files.newOutputStream(part);
        }

        @Override
        public ReceivedFile finish(YmodemHeader h, long size) throws IOException {
            Path target = dir.resolve(h.name());
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            part = null;
            if (h.modified() != null) {
                Files.setLastModifiedTime(target, FileTime.from(h.modified()));
            }
            return new ReceivedFile(h.name(), size, h.modified(), target, null);
        }

        @Override
        public void abandon() {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // a stray .part file is harmless; the failure being reported matters more
                }
                part = null;
            }
        }
    }

    private static final class MemorySink implements Sink {
        private ByteArrayOutputStream buf;

        @Override
        public OutputStream open(YmodemHeader h) {
            buf = new ByteArrayOutputStream(h.size() > 0 && h.size() < Integer.MAX_VALUE ? (int) h.size() : 1024);
            return buf;
        }

        @Override
        public ReceivedFile finish(YmodemHeader h, long size) {
            byte[] content = buf.toByteArray();
            buf = null;
            return new ReceivedFile(h.name(), size, h.modified(), null, content);
        }

        @Override
        public void abandon() {
            buf = null;
        }
    }
}
