package dev.hil.drivers.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jSerialComm on the host end of a real socat pseudo-terminal pair. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class SerialPortLinkTest {
    private static final Duration LIVENESS = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static byte[] readFully(SerialPortLink link, int n) {
        byte[] out = new byte[n];
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = link.read(buf, LIVENESS);
            assertThat(r).as("bytes within the liveness bound after %d of %d", got, n).isPositive();
            int take = Math.min(r, n - got);
            System.arraycopy(buf, 0, out, got, take);
            got += take;
        }
        return out;
    }

    @Test
    void opensThroughTheSymlinkAndCarriesBytesBothWays() throws Exception {
        Path host = dir.resolve("host");
        Path device = dir.resolve("device");
        try (PtyPair pair = PtyPair.open(host, device);
             SerialPortLink link = new SerialPortLink(host, 115_200);
             FileInputStream devIn = new FileInputStream(device.toFile());
             FileOutputStream devOut = new FileOutputStream(device.toFile())) {
            byte[] hello = "hello\r\n\u0003\u0011".getBytes(StandardCharsets.ISO_8859_1);
            link.write(hello, ImageSpan.NONE);
            assertThat(TtyStreams.readExactly(devIn, hello.length)).isEqualTo(hello);
            devOut.write(hello);
            assertThat(readFully(link, hello.length)).isEqualTo(hello);
            assertThat(link.read(new byte[8], Duration.ZERO)).isZero();
        }
    }

    @Test
    void aMissingPortIsLinkDown() {
        try (SerialPortLink link = new SerialPortLink(dir.resolve("nothing"), 0)) {
            assertThatThrownBy(() -> link.write(new byte[] {1}, ImageSpan.NONE))
                    .isInstanceOf(LinkDownException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> link.read(new byte[1], Duration.ofMillis(1)))
                    .isInstanceOf(LinkDownException.class);
        }
    }

    @Test
    void portVanishingFailsWritesAndReadsAndAFreshPortIsReopenedOnNextUse() throws Exception {
        Path host = dir.resolve("host");
        Path device = dir.resolve("device");
        try (SerialPortLink link = new SerialPortLink(host, 0)) {
            try (PtyPair pair = PtyPair.open(host, device);
                 FileInputStream devIn = new FileInputStream(device.toFile())) {
                link.write(new byte[] {1, 2, 3}, ImageSpan.NONE);
                assertThat(TtyStreams.readExactly(devIn, 3)).containsExactly(1, 2, 3);
            } // socat gone: the /dev/pts node the port is open on is hung up
            assertThat(Files.exists(host)).isFalse();
            assertThatThrownBy(() -> link.write(new byte[] {4}, ImageSpan.NONE)).isInstanceOf(LinkDownException.class);
            assertThatThrownBy(() -> link.read(new byte[1], Duration.ofMillis(100))).isInstanceOf(LinkDownException.class);

            // Power back: a new pair, usually on another /dev/pts/N behind the same link path.
            try (PtyPair pair = PtyPair.open(host, device);
                 FileInputStream devIn = new FileInputStream(device.toFile())) {
                link.write(new byte[] {5, 6}, ImageSpan.NONE);
                assertThat(TtyStreams.readExactly(devIn, 2)).containsExactly(5, 6);
            }
        }
    }

    @Test
    void markDownFailsUseEvenWhileThePortStillExists() throws Exception {
        Path host = dir.resolve("host");
        Path device = dir.resolve("device");
        try (PtyPair pair = PtyPair.open(host, device);
             SerialPortLink link = new SerialPortLink(host, 0);
             FileInputStream devIn = new FileInputStream(device.toFile())) {
            link.write(new byte[] {1}, ImageSpan.NONE);
            // Read before the power change: reopening closes the old port, and a close may drop
            // bytes the kernel had not yet handed to socat.
            assertThat(TtyStreams.readExactly(devIn, 1)).containsExactly(1);
            link.markDown();
            assertThatThrownBy(() -> link.write(new byte[] {2}, ImageSpan.NONE))
                    .isInstanceOf(LinkDownException.class).hasMessageContaining("unpowered");
            assertThatThrownBy(() -> link.read(new byte[1], Duration.ZERO)).isInstanceOf(LinkDownException.class);
            link.markUp();
            link.write(new byte[] {3}, ImageSpan.NONE);
            assertThat(TtyStreams.readExactly(devIn, 1)).containsExactly(3);
        }
    }

    @Test
    void closedLinkStaysDown() throws Exception {
        Path host = dir.resolve("host");
        try (PtyPair pair = PtyPair.open(host, dir.resolve("device"))) {
            SerialPortLink link = new SerialPortLink(host, 0);
            link.write(new byte[] {1}, ImageSpan.NONE);
            link.close();
            link.close();
            assertThatThrownBy(() -> link.write(new byte[] {2}, ImageSpan.NONE)).isInstanceOf(LinkDownException.class);
        }
    }
}
