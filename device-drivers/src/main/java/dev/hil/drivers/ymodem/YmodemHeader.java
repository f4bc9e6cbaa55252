package dev.hil.drivers.ymodem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Block 0 of a YMODEM file: {@code name NUL size [SP mtime-octal [SP mode-octal ...]] NUL...}.
 * An empty name ends the batch. Size and time are optional in the protocol; -1 / null when absent.
 */
record YmodemHeader(String name, long size, Instant modified) {
    static final YmodemHeader END_OF_BATCH = new YmodemHeader("", -1, null);

    boolean endsBatch() {
        return name.isEmpty();
    }

    /** The block 0 payload (without padding). */
    byte[] encode() {
        if (endsBatch()) {
            return new byte[0];
        }
        StringBuilder fields = new StringBuilder().append(size);
        if (modified != null) {
            fields.append(' ').append(Long.toOctalString(Math.max(0, modified.getEpochSecond())));
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] f = fields.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[n.length + 1 + f.length];
        System.arraycopy(n, 0, out, 0, n.length);
        System.arraycopy(f, 0, out, n.length + 1, f.length);
        return out;
    }

    /** Parses a block 0 payload (padding included). */
    static YmodemHeader parse(byte[] data) {
        int nul = indexOf(data, 0, (byte) 0);
        if (nul == 0) {
            return END_OF_BATCH;
        }
        if (nul < 0) {
            throw new YmodemException("header block has no NUL after the file name");
        }
        String name = new String(data, 0, nul, StandardCharsets.UTF_8);
        int end = indexOf(data, nul + 1, (byte) 0);
        String[] fields = new String(data, nul + 1, (end < 0 ? data.length : end) - nul - 1, StandardCharsets.US_ASCII)
                .trim().split(" +");
        long size = -1;
        Instant modified = null;
        try {
            if (fields.length > 0 && !fields[0].isEmpty()) {
                size = Long.parseLong(fields[0]);
            }
            if (fields.length > 1) {
                long t = Long.parseLong(fields[1], 8);
                modified = t == 0 ? null : Instant.ofEpochSecond(t); // 0 is how senders say "unknown"
            }
        } catch (NumberFormatException e) {
            throw new YmodemException("header of " + name + " has a malformed size or time: "
                    + String.join(" ", fields));
        }
        return new YmodemHeader(name, size, modified);
    }

    /** Names go into other people's directories: only a bare, printable file name is accepted. */
    static void checkName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("not a bare file name: \"" + name + "\"");
        }
    }

    private static int indexOf(byte[] data, int from, byte b) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
