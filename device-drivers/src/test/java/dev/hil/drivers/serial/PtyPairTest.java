package dev.hil.drivers.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class PtyPairTest {
    @TempDir
    Path dir;

    @Test
    void bytesCrossBothWaysUnchangedAndLinksVanishOnClose() throws Exception {
        Path host = dir.resolve("host");
        Path device = dir.resolve("device");
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i; // includes CR, LF, XON/XOFF, ^C, ^D: a cooked tty would mangle them
        }
        try (PtyPair pair = PtyPair.open(host, device)) {
            assertThat(Files.readSymbolicLink(host).toString()).startsWith("/dev/pts/");
            assertThat(Files.readSymbolicLink(device).toString()).startsWith("/dev/pts/");
            try (FileOutputStream hostOut = new FileOutputStream(host.toFile());
                 FileInputStream hostIn = new FileInputStream(host.toFile());
                 FileOutputStream devOut = new FileOutputStream(device.toFile());
                 FileInputStream devIn = new FileInputStream(device.toFile())) {
                hostOut.write(all);
                assertThat(TtyStreams.readExactly(devIn, 256)).isEqualTo(all);
                devOut.write(all);
                assertThat(TtyStreams.readExactly(hostIn, 256)).isEqualTo(all);
            }
        }
        assertThat(Files.exists(host, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(device, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void staleLinksFromAKilledRunAreReplaced() throws Exception {
        Path host = dir.resolve("host");
        Files.createSymbolicLink(host, Path.of("/dev/pts/nonexistent"));
        try (PtyPair pair = PtyPair.open(host, dir.resolve("device"))) {
            assertThat(Files.exists(host)).isTrue();
            pair.close();
            pair.close(); // second close is a no-op
        }
    }
}
