package dev.hil.drivers.ymodem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.link.LinkTap;
import dev.hil.drivers.serial.PtyPair;
import dev.hil.drivers.serial.SerialPortLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our sender to our receiver over a pseudo-terminal pair, and the block/header codec. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class YmodemOwnPairTest {
    @TempDir
    Path dir;

    @Test
    void aBatchArrivesInMemoryWithNamesSizesAndTimes() throws Exception {
        Random r = new Random(7);
        List<YmodemFile> batch = new ArrayList<>();
        for (int size : YmodemLrzszInteropTest.SIZES) {
            byte[] d = new byte[size];
            r.nextBytes(d);
            YmodemFile plain = YmodemFile.of("m" + size, d);
            batch.add(new YmodemFile(plain.name(), size, Instant.ofEpochSecond(1_700_000_000L + size), plain.content()));
        }
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink host = new SerialPortLink(pair.hostPath(), 0);
             SerialPortLink device = new SerialPortLink(pair.devicePath(), 0)) {
            CompletableFuture<List<ReceivedFile>> got = CompletableFuture.supplyAsync(() -> new YmodemReceiver(device).receiveInMemory());
            SentBatch sent = new YmodemSender(host).send(batch);
            List<ReceivedFile> files = got.get();
            assertThat(sent.resends()).isZero();
            assertThat(files).hasSize(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                YmodemFile f = batch.get(i);
                assertThat(files.get(i).name()).isEqualTo(f.name());
                assertThat(files.get(i).size()).isEqualTo(f.size());
                assertThat(files.get(i).modified()).isEqualTo(f.modified());
                assertThat(files.get(i).content()).isEqualTo(f.content().open().readAllBytes());
            }
        }
    }

    @Test
    void aTapBoundaryFallsRightAfterTheImageByteItNames() throws Exception {
        byte[] data = new byte[10_000];
        new Random(8).nextBytes(data);
        long boundary = 5000; // inside block 5, whose data starts at image byte 4096
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        long[] seen = new long[3];
        LinkTap tap = new LinkTap() {
            boolean fired;

            @Override
            public long imageBoundary() {
                return fired ? -1 : boundary;
            }

            @Override
            public void atImageBoundary(long imageBytes, long wireBytes) {
                fired = true;
                seen[0] = imageBytes;
                seen[1] = wireBytes;
                seen[2] = wire.size();
            }

            @Override
            public void onWrite(byte[] d, int off, int len) {
                wire.write(d, off, len);
            }
        };
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink host = new SerialPortLink(pair.hostPath(), 0);
             SerialPortLink device = new SerialPortLink(pair.devicePath(), 0)) {
            host.addTap(tap);
            CompletableFuture<List<ReceivedFile>> got = CompletableFuture.supplyAsync(() -> new YmodemReceiver(device).receiveInMemory());
            new YmodemSender(host).send(YmodemFile.of("a.bin", data));
            assertThat(got.get().get(0).content()).isEqualTo(data);
            assertThat(host.imageBytesTotal()).isEqualTo(data.length);
            assertThat(host.imageBytesWritten()).isEqualTo(data.length);
        }
        assertThat(seen[0]).isEqualTo(boundary);
        assertThat(seen[1]).as("wire bytes of this block: 3 header + 904 data").isEqualTo(3 + (boundary - 4096));
        byte[] sentSoFar = java.util.Arrays.copyOf(wire.toByteArray(), (int) seen[2]);
        // header block (133) + 4 data blocks (4 x 1029) + this block's 907 bytes; the last is image byte 4999
        assertThat(sentSoFar.length).isEqualTo(133 + 4 * 1029 + 907);
        assertThat(sentSoFar[sentSoFar.length - 1]).isEqualTo(data[4999]);
        assertThat(sentSoFar[sentSoFar.length - 907]).isEqualTo(YmodemWire.STX);
    }

    @Test
    void blocksCarryCrc16XmodemAndComplementedNumbers() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = YmodemWire.frame(0x17, check, 0, check.length, 128, YmodemWire.PAD);
        assertThat(wire).hasSize(133);
        assertThat(wire[0]).isEqualTo(YmodemWire.SOH);
        assertThat(wire[1] & 0xFF).isEqualTo(0x17);
        assertThat(wire[2] & 0xFF).isEqualTo(0xE8);
        assertThat(wire[3 + 9]).isEqualTo(YmodemWire.PAD);
        assertThat(YmodemWire.defect(wire, 128)).isNull();
        wire[60] ^= 1;
        assertThat(YmodemWire.defect(wire, 128)).startsWith("CRC mismatch");
        // CRC-16/XMODEM check value, the same algorithm the SMP framing uses
        assertThat(dev.hil.drivers.smp.Crc16Ccitt.compute(check)).isEqualTo(0x31C3);
    }

    @Test
    void headersAsLrzszWritesThemParse() {
        byte[] block = new byte[128];
        byte[] text = "f.bin\0003000 15301655510 100644 0 1 3000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, block, 0, text.length);
        YmodemHeader h = YmodemHeader.parse(block);
        assertThat(h.name()).isEqualTo("f.bin");
        assertThat(h.size()).isEqualTo(3000);
        assertThat(h.modified()).isEqualTo(Instant.ofEpochSecond(Long.parseLong("15301655510", 8)));
        assertThat(YmodemHeader.parse(new byte[128]).endsBatch()).isTrue();
        YmodemHeader back = YmodemHeader.parse(new YmodemHeader("x.img", 42, Instant.ofEpochSecond(99)).encode());
        assertThat(back).isEqualTo(new YmodemHeader("x.img", 42, Instant.ofEpochSecond(99)));
    }
}
