package dev.hil.reports.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestTest {
    @TempDir
    Path dir;

    @Test
    void hashesAndCountsLikeSha256sum() throws Exception {
        Path f = dir.resolve("abc");
        Files.writeString(f, "abc");
        FileDigest d = FileDigest.of(f);
        assertThat(d.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.holdsPrivateKey()).isFalse();
    }

    @Test
    void findsTheKeyMarkerEvenAcrossReadBoundaries() throws Exception {
        byte[] marker = "-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);
        // Place the marker at every offset around the 64 KiB read boundary.
        for (int at = 64 * 1024 - 30; at < 64 * 1024 + 5; at++) {
            byte[] content = new byte[200 * 1024];
            Arrays.fill(content, (byte) 'x');
            System.arraycopy(marker, 0, content, at, marker.length);
            Path f = dir.resolve("blob");
            Files.write(f, content);
            assertThat(FileDigest.of(f).holdsPrivateKey()).as("marker at %d", at).isTrue();
            assertThat(FileDigest.of(f).size()).isEqualTo(content.length);
        }
        Path clean = dir.resolve("clean");
        Files.write(clean, new byte[200 * 1024]);
        assertThat(FileDigest.of(clean).holdsPrivateKey()).isFalse();
    }
}
