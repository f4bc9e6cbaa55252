package dev.hil.reports.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and length of one file, read once. The size is counted from the bytes hashed rather
 * than asked of the file system, so both always describe the same content.
 */
record FileDigest(String sha256, long size, boolean holdsPrivateKey) {
    private static final byte[] PRIVATE_KEY_MARKER = "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII);

    static FileDigest of(Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        long size = 0;
        boolean marker = false;
        // The marker may straddle two reads, so the last bytes of one read are searched with the next.
        byte[] window = new byte[64 * 1024 + PRIVATE_KEY_MARKER.length];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(window, carried, window.length - carried)) > 0) {
                sha.update(window, carried, n);
                size += n;
                int filled = carried + n;
                marker = marker || contains(window, filled);
                carried = Math.min(PRIVATE_KEY_MARKER.length - 1, filled);
                System.arraycopy(window, filled - carried, window, 0, carried);
            }
        }
        return new FileDigest(HexFormat.of().formatHex(sha.digest()), size, marker);
    }

    private static boolean contains(byte[] buf, int length) {
        outer:
        for (int i = 0; i + PRIVATE_KEY_MARKER.length <= length; i++) {
            for (int j = 0; j < PRIVATE_KEY_MARKER.length; j++) {
                if (buf[i + j] != PRIVATE_KEY_MARKER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
