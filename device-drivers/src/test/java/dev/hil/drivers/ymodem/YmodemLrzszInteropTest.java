package dev.hil.drivers.ymodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.drivers.serial.PtyPair;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our sender and receiver against lrzsz over real socat pseudo-terminals. */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class YmodemLrzszInteropTest {
    /** Empty, one byte, exactly one short block, exactly one long block, 1 MiB + 1, and odd random sizes. */
    static final int[] SIZES = {0, 1, 128, 1024, (1 << 20) + 1, 129, 1023, 1025, 3000, 77_777};

    @TempDir
    Path dir;

    static List<Path> randomFiles(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        List<Path> files = new ArrayList<>();
        for (int size : SIZES) {
            byte[] data = new byte[size];
            r.nextBytes(data);
            if (size == 3000) {
                java.util.Arrays.fill(data, 2000, 3000, (byte) 0x1A); // ends in pad bytes: only the size can tell
            }
            Path f = dir.resolve("f" + size + ".bin");
            Files.write(f, data);
            files.add(f);
        }
        return files;
    }

    static void assertSameFiles(List<Path> sent, Path receivedDir) throws IOException {
        try (var listing = Files.list(receivedDir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .as("names in %s", receivedDir)
                    .isEqualTo(sent.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        for (Path f : sent) {
            Path got = receivedDir.resolve(f.getFileName());
            assertThat(Files.size(got)).as("size of %s", got).isEqualTo(Files.size(f));
            assertThat(Files.readAllBytes(got)).as("content of %s", got).isEqualTo(Files.readAllBytes(f));
        }
    }

    @Test
    void ourSenderDeliversABatchToRbByteForByte() throws Exception {
        List<Path> files = randomFiles(dir.resolve("out"), 1);
        Path in = dir.resolve("in");
        List<YmodemFile> batch = new ArrayList<>();
        for (Path f : files) {
            batch.add(YmodemFile.of(f));
        }
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 115_200);
             LrzszPeer rb = LrzszPeer.receiver(pair.devicePath(), in, dir.resolve("rb.log"))) {
            SentBatch sent = new YmodemSender(link).send(batch);
            assertThat(sent.files()).containsExactlyElementsOf(batch.stream().map(YmodemFile::name).toList());
            assertThat(sent.bytes()).isEqualTo(files.stream().mapToLong(p -> p.toFile().length()).sum());
            assertThat(rb.awaitExit(30)).as("rb exit code; log:%n%s", rb.log()).isZero();
        }
        assertSameFiles(files, in);
        // rb applies the modification time from the header
        for (Path f : files) {
            assertThat(Files.getLastModifiedTime(in.resolve(f.getFileName())).toMillis() / 1000)
                    .isEqualTo(Files.getLastModifiedTime(f).toMillis() / 1000);
        }
    }

    @Test
    void sbDeliversABatchToOurReceiverByteForByte() throws Exception {
        List<Path> files = randomFiles(dir.resolve("out"), 2);
        Path in = dir.resolve("in");
        List<ReceivedFile> got;
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 115_200)) {
            link.discardInput(); // opens the port before sb starts, so none of sb's bytes are missed
            try (LrzszPeer sb = LrzszPeer.sender(pair.devicePath(), dir.resolve("sb.log"), files.toArray(Path[]::new))) {
                got = new YmodemReceiver(link).receiveInto(in);
                int rc = sb.awaitExit(20);
                // lrzsz 0.12.21rc sometimes blocks in a read() after the last ACK (its alarm-based timeout
                // does not interrupt the read); the batch is complete by then. A failure exit still fails.
                assertThat(rc).as("sb exit code; log:%n%s", sb.log()).isIn(0, -1);
            }
        }
        assertSameFiles(files, in);
        assertThat(got).extracting(ReceivedFile::name)
                .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < files.size(); i++) {
            assertThat(got.get(i).size()).isEqualTo(Files.size(files.get(i)));
            assertThat(got.get(i).path()).isEqualTo(in.resolve(files.get(i).getFileName()));
            assertThat(got.get(i).modified().getEpochSecond())
                    .isEqualTo(Files.getLastModifiedTime(files.get(i)).toInstant().getEpochSecond());
        }
    }
}
