package dev.hil.drivers.ymodem;

import static dev.hil.drivers.ymodem.YmodemTimeouts.seconds;
import static dev.hil.drivers.ymodem.YmodemWire.ACK;
import static dev.hil.drivers.ymodem.YmodemWire.CAN;
import static dev.hil.drivers.ymodem.YmodemWire.CRC_REQUEST;
import static dev.hil.drivers.ymodem.YmodemWire.EOT;
import static dev.hil.drivers.ymodem.YmodemWire.NAK;

import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.SerialLink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sends a batch of files with YMODEM-1K and CRC-16 (what U-Boot {@code loady} and lrzsz {@code rb
 * --ymodem} take): 'C' from the receiver, block 0 header, 1024-byte blocks (128 for a short tail),
 * EOT handshake, and an empty block 0 to end the batch. Data blocks are written with an
 * {@link ImageSpan}, so link taps see file-byte offsets exactly as with the SMP driver; each file
 * restarts the link's image count. Not thread-safe except {@link #cancel()}.
 */
public final class YmodemSender {
    private final SerialLink link;
    private final YmodemTimeouts timeouts;
    private final TransferProgress progress;
    private final LinkInput in;
    private volatile boolean cancelRequested;
    private int resends;

    public YmodemSender(SerialLink link) {
        this(link, YmodemTimeouts.DEFAULTS, TransferProgress.NONE);
    }

    public YmodemSender(SerialLink link, YmodemTimeouts timeouts, TransferProgress progress) {
        this.link = link;
        this.timeouts = timeouts;
        this.progress = progress;
        this.in = new LinkInput(link, this::checkCancel);
    }

    public SentBatch send(YmodemFile... files) {
        return send(Arrays.asList(files));
    }

    /**
     * Sends the files as one batch and ends it.
     *
     * @throws YmodemCancelledException the receiver sent CAN CAN, or {@link #cancel()} was called
     * @throws YmodemException          a step failed or timed out (CAN CAN was sent to the receiver)
     * @throws LinkDownException        the port went away (nothing more is sent)
     */
    public SentBatch send(List<YmodemFile> files) {
        resends = 0;
        List<String> names = new ArrayList<>();
        long bytes = 0;
        try {
            boolean first = true;
            for (YmodemFile f : files) {
                awaitCrcRequest(first ? timeouts.start() : timeouts.reply(), "for the header of " + f.name());
                first = false;
                bytes += sendFile(f);
                names.add(f.name());
            }
            awaitCrcRequest(first ? timeouts.start() : timeouts.reply(), "for the end-of-batch block");
            boolean endAcknowledged = deliverLast(header(YmodemHeader.END_OF_BATCH));
            return new SentBatch(names, bytes, resends, endAcknowledged);
        } catch (YmodemCancelledException e) {
            if (!e.byPeer()) {
                abort();
            }
            throw e;
        } catch (YmodemException e) {
            abort();
            throw e;
        }
    }

    /**
     * Asks a running {@link #send} (on another thread) to stop: it sends CAN CAN and throws
     * {@link YmodemCancelledException} within a fraction of a second.
     */
    public void cancel() {
        cancelRequested = true;
    }

    private long sendFile(YmodemFile f) {
        link.startImage(f.size());
        deliver(header(new YmodemHeader(f.name(), f.size(), f.modified())), ImageSpan.NONE, "the header of " + f.name());
        // The receiver ACKs block 0, then asks for the data with another 'C' once the file is open.
        awaitCrcRequest(timeouts.reply(), "for the data of " + f.name());
        byte[] chunk = new byte[YmodemWire.LONG_BLOCK];
        long sent = 0;
        int number = 1;
        try (InputStream data = f.content().open()) {
            while (sent < f.size()) {
                int len = (int) Math.min(chunk.length, f.size() - sent);
                int got = data.readNBytes(chunk, 0, len);
                if (got < len) {
                    throw new YmodemException(f.name() + " ended after " + (sent + got) + " of " + f.size()
                            + " bytes while it was being sent");
                }
                byte[] wire = YmodemWire.frame(number, chunk, 0, len, YmodemWire.blockSizeFor(len), YmodemWire.PAD);
                deliver(wire, YmodemWire.span(sent, len), "block " + number + " of " + f.name());
                sent += len;
                number++;
                progress.advanced(f.name(), sent, f.size());
            }
        } catch (IOException e) {
            throw new YmodemException("cannot read " + f.name() + " at byte " + sent + ": " + e.getMessage(), e);
        }
        endFile(f.name());
        return sent;
    }

    private static byte[] header(YmodemHeader h) {
        byte[] payload = h.encode();
        if (payload.length > YmodemWire.LONG_BLOCK) {
            throw new IllegalArgumentException("YMODEM header longer than 1024 bytes: " + h.name());
        }
        // NUL padding: receivers read the fields up to the first NUL after the name.
        return YmodemWire.frame(0, payload, 0, payload.length, YmodemWire.blockSizeFor(payload.length), (byte) 0);
    }

    /** Writes a block until the receiver ACKs it. */
    private void deliver(byte[] wire, ImageSpan span, String what) {
        int naks = 0;
        int silences = 0;
        while (true) {
            link.write(wire, span);
            int reply = awaitReply(what);
            if (reply == ACK) {
                return;
            }
            if (reply == NAK) {
                naks++;
            } else {
                silences++;
            }
            if (naks + silences >= timeouts.retries()) {
                throw new YmodemException(naks >= silences
                        ? "receiver sent NAK " + naks + " times for " + what
                        : "no ACK for " + what + " within " + seconds(timeouts.reply()) + ", " + silences
                                + " times (" + naks + " NAKs)");
            }
            resends++;
        }
    }

    /**
     * The end-of-batch block. Every file was already ACKed after its EOT, and receivers often
     * leave right after ACKing this block (lrzsz {@code rb} exits, U-Boot returns to its prompt);
     * on a pseudo-terminal that ACK is sometimes lost with the closing port. So silence here,
     * after one repeat, is reported in the result rather than failing a complete transfer.
     */
    private boolean deliverLast(byte[] wire) {
        String what = "the end-of-batch block";
        int naks = 0;
        int silences = 0;
        while (true) {
            link.write(wire, ImageSpan.NONE);
            int reply = awaitReply(what);
            if (reply == ACK) {
                return true;
            }
            if (reply == NAK) {
                naks++;
            } else if (++silences == 2) {
                return false;
            }
            if (naks + silences >= timeouts.retries()) {
                throw new YmodemException("receiver sent NAK " + naks + " times for " + what);
            }
            resends++;
        }
    }

    /**
     * EOT until ACKed. lrzsz and the original spec NAK the first EOT (so line noise cannot end a
     * file) and ACK the second; many small receivers ACK the first. Both work here.
     */
    private void endFile(String name) {
        int naks = 0;
        int silences = 0;
        while (true) {
            link.write(new byte[] {EOT}, ImageSpan.NONE);
            int reply = awaitReply("EOT of " + name);
            if (reply == ACK) {
                return;
            }
            if (reply == NAK) {
                naks++;
            } else {
                silences++;
            }
            if (naks + silences > timeouts.retries()) {
                throw new YmodemException("no ACK for the EOT of " + name + " after " + (naks + silences)
                        + " tries (" + naks + " NAKs, " + silences + " silences of " + seconds(timeouts.reply()) + ")");
            }
            if (naks + silences > 1 || reply != NAK) {
                resends++; // the first NAK is the handshake, not a fault
            }
        }
    }

    /** ACK, NAK ('C' counts as NAK: a receiver still asking for the block) or -1 on timeout; CAN CAN throws. */
    private int awaitReply(String what) {
        long deadline = System.nanoTime() + timeouts.reply().toNanos();
        while (true) {
            int b = in.next(left(deadline));
            if (b < 0) {
                return -1;
            }
            if (b == ACK) {
                return ACK;
            }
            if (b == NAK || b == CRC_REQUEST) {
                return NAK;
            }
            if (b == CAN) {
                checkPeerCancel("while waiting for the reply to " + what);
            }
            // anything else is line noise or an echo; keep listening
        }
    }

    /** Waits for the receiver's 'C'. A NAK means it wants checksum mode, which this sender does not do. */
    private void awaitCrcRequest(Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean sawNak = false;
        while (true) {
            int b = in.next(left(deadline));
            if (b < 0) {
                throw new YmodemException("no 'C' " + what + " within " + seconds(timeout)
                        + (sawNak ? " (the receiver sent NAK: it wants 8-bit checksums, only CRC-16 is supported)" : ""));
            }
            if (b == CRC_REQUEST) {
                return;
            }
            if (b == NAK) {
                sawNak = true;
            } else if (b == CAN) {
                checkPeerCancel("while waiting for 'C' " + what);
            }
        }
    }

    /** One CAN may be noise; a second right after it is the receiver cancelling. */
    private void checkPeerCancel(String when) {
        if (in.next(timeouts.character()) == CAN) {
            throw new YmodemCancelledException("receiver cancelled the transfer (CAN CAN) " + when, true);
        }
    }

    private void checkCancel() {
        if (cancelRequested) {
            cancelRequested = false;
            throw new YmodemCancelledException("transfer cancelled by this side", false);
        }
    }

    /** Tells the receiver to give up, unless the port is gone anyway. */
    private void abort() {
        try {
            link.write(YmodemWire.CANCEL, ImageSpan.NONE);
        } catch (LinkDownException ignored) {
            // nobody to tell
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
