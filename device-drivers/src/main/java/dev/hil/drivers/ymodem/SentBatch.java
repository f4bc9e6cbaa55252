package dev.hil.drivers.ymodem;

import java.util.List;

/**
 * What a {@link YmodemSender} delivered.
 *
 * @param files   names in the order sent
 * @param bytes   file bytes acknowledged (padding not counted)
 * @param resends blocks or EOTs sent again after a NAK or a timeout (the NAK lrzsz answers the
 *                first EOT with is not counted: that one is part of the handshake)
 * @param endAcknowledged whether the receiver ACKed the end-of-batch block; false means it went
 *                quiet after the last file was complete (see {@link YmodemSender})
 */
public record SentBatch(List<String> files, long bytes, int resends, boolean endAcknowledged) {
    public SentBatch {
        files = List.copyOf(files);
    }
}
