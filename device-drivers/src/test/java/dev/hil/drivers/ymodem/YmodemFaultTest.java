package dev.hil.drivers.ymodem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hil.drivers.serial.PtyPair;
import dev.hil.drivers.serial.SerialPortLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, lost and cancelled transfers over real pseudo-terminals, against lrzsz and against ourselves. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class YmodemFaultTest {
    /** Short waits so that a lost block costs seconds, not tens of seconds; nothing asserts on time. */
    static final YmodemTimeouts BRISK = YmodemTimeouts.DEFAULTS.withReply(Duration.ofSeconds(2)).withPoll(Duration.ofSeconds(1));

    @TempDir
    Path dir;

    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path f = dir.resolve("out").resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, data);
        return f;
    }

    private SentBatch sendToRb(Path file, java.util.function.Function<SerialPortLink, FlakyWire> wire) throws Exception {
        Path in = dir.resolve("in");
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 0);
             LrzszPeer rb = LrzszPeer.receiver(pair.devicePath(), in, dir.resolve("rb.log"))) {
            FlakyWire flaky = wire.apply(link);
            SentBatch sent = new YmodemSender(flaky, BRISK, TransferProgress.NONE).send(YmodemFile.of(file));
            assertThat(flaky.faults).as("the fault happened").hasValue(1);
            assertThat(rb.awaitExit(30)).as("rb exit code; log:%n%s", rb.log()).isZero();
            assertThat(Files.readAllBytes(in.resolve(file.getFileName()))).isEqualTo(Files.readAllBytes(file));
            return sent;
        }
    }

    @Test
    void aCorruptedBlockIsNakedByRbAndSentAgain() throws Exception {
        SentBatch sent = sendToRb(randomFile("img.bin", 100_000, 1), link -> new FlakyWire(link).corruptDataBlock(3, 500));
        assertThat(sent.resends()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aBlockLostOnTheWayToRbIsSentAgain() throws Exception {
        SentBatch sent = sendToRb(randomFile("img.bin", 100_000, 2), link -> new FlakyWire(link).dropDataBlock(2));
        assertThat(sent.resends()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void ourReceiverNaksABlockFromSbThatArrivesCorrupted() throws Exception {
        Path file = randomFile("img.bin", 50_000, 3);
        Path in = dir.resolve("in");
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 0)) {
            link.discardInput();
            FlakyWire flaky = new FlakyWire(link).corruptRead(5000); // inside data block 5
            YmodemReceiver receiver = new YmodemReceiver(flaky, BRISK, TransferProgress.NONE);
            try (LrzszPeer sb = LrzszPeer.sender(pair.devicePath(), dir.resolve("sb.log"), file)) {
                receiver.receiveInto(in);
                assertThat(sb.awaitExit(20)).as("sb exit code; log:%n%s", sb.log()).isIn(0, -1);
            }
            assertThat(flaky.faults).hasValue(1);
            // one NAK for the damaged block, one for the first EOT (the handshake)
            assertThat(receiver.naksSent()).isGreaterThanOrEqualTo(2);
        }
        assertThat(Files.readAllBytes(in.resolve("img.bin"))).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aLostAckMakesOurSenderRepeatAndOurReceiverKeepsOneCopy() throws Exception {
        byte[] data = new byte[20_000];
        new Random(4).nextBytes(data);
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink host = new SerialPortLink(pair.hostPath(), 0);
             SerialPortLink device = new SerialPortLink(pair.devicePath(), 0)) {
            // ACK number 4: header, block 1, block 2, then block 3's ACK never arrives
            FlakyWire deviceWire = new FlakyWire(device).dropByte(YmodemWire.ACK, 4);
            // The receiver keeps the classic 10 s wait for the next block, longer than the sender's 2 s
            // ACK wait, as on real rigs: if both timed out together the sender would take the
            // receiver's NAK for an answer to its repeat.
            YmodemReceiver receiver = new YmodemReceiver(deviceWire, YmodemTimeouts.DEFAULTS, TransferProgress.NONE);
            CompletableFuture<List<ReceivedFile>> got = CompletableFuture.supplyAsync(receiver::receiveInMemory);
            SentBatch sent = new YmodemSender(host, BRISK, TransferProgress.NONE).send(YmodemFile.of("a.bin", data));
            List<ReceivedFile> files = got.get();
            assertThat(deviceWire.faults).hasValue(1);
            assertThat(sent.resends()).isGreaterThanOrEqualTo(1);
            assertThat(sent.endAcknowledged()).isTrue();
            assertThat(files).hasSize(1);
            assertThat(files.get(0).content()).isEqualTo(data);
        }
    }

    /**
     * rb on SIGTERM writes ten CANs and exits, but while a transfer runs its tty reset on exit
     * often discards them before socat reads them. So either the CANs arrive (a cancellation) or
     * the failure names the block rb stopped answering; both are clear, neither may hang.
     */
    @Test
    void rbStoppingMidTransferIsAClearFailure() throws Exception {
        Path file = randomFile("img.bin", 1 << 20, 5);
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 0);
             LrzszPeer rb = LrzszPeer.receiver(pair.devicePath(), dir.resolve("in"), dir.resolve("rb.log"))) {
            AtomicBoolean interrupted = new AtomicBoolean();
            TransferProgress interruptRb = (name, bytes, size) -> {
                if (bytes >= 64 * 1024 && interrupted.compareAndSet(false, true)) {
                    try {
                        rb.cancelBySignal();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            assertThatThrownBy(() -> new YmodemSender(link, BRISK, interruptRb).send(YmodemFile.of(file)))
                    .as("rb log:%n%s", rb.log())
                    .isInstanceOf(YmodemException.class)
                    .satisfies(e -> assertThat(e.getMessage()).matches(
                            "receiver cancelled the transfer \\(CAN CAN\\).*|no ACK for block \\d+ of img\\.bin within 2 s, 10 times \\(0 NAKs\\)"));
            assertThat(rb.log()).contains("caught signal 15");
        }
    }

    @Test
    void sbCancellingMidTransferIsAClearCancellationAndLeavesNoFile() throws Exception {
        Path file = randomFile("img.bin", 1 << 20, 6);
        Path in = dir.resolve("in");
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink link = new SerialPortLink(pair.hostPath(), 0)) {
            link.discardInput();
            try (LrzszPeer sb = LrzszPeer.sender(pair.devicePath(), dir.resolve("sb.log"), file)) {
                AtomicBoolean interrupted = new AtomicBoolean();
                TransferProgress interruptSb = (name, bytes, size) -> {
                    if (bytes >= 64 * 1024 && interrupted.compareAndSet(false, true)) {
                        try {
                            sb.cancelBySignal();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                // sb sends CAN CAN on SIGINT, but on a loaded machine it sometimes dies before they
                // leave the pty (lrzsz writes them unflushed); then the sender simply goes silent.
                // Either way our receiver must stop with a clear reason and keep no file.
                assertThatThrownBy(() -> new YmodemReceiver(link, BRISK, interruptSb).receiveInto(in))
                        .isInstanceOf(YmodemException.class)
                        .satisfies(e -> assertThat(e).satisfiesAnyOf(
                                c -> assertThat(c).isInstanceOfSatisfying(YmodemCancelledException.class,
                                        x -> assertThat(x.byPeer()).isTrue())
                                        .hasMessageContaining("sender cancelled the transfer (CAN CAN)"),
                                c -> assertThat(c).hasMessageContaining("nothing within")));
            }
        }
        try (var left = Files.list(in)) {
            assertThat(left).as("no partial or complete file left behind").isEmpty();
        }
    }

    @Test
    void ourReceiverCancellingStopsOurSenderWithAClearCancellation() throws Exception {
        byte[] data = new byte[300_000];
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink host = new SerialPortLink(pair.hostPath(), 0);
             SerialPortLink device = new SerialPortLink(pair.devicePath(), 0)) {
            YmodemReceiver[] receiver = new YmodemReceiver[1];
            receiver[0] = new YmodemReceiver(device, BRISK, (name, bytes, size) -> {
                if (bytes >= 10_000) {
                    receiver[0].cancel();
                }
            });
            CompletableFuture<List<ReceivedFile>> got = CompletableFuture.supplyAsync(receiver[0]::receiveInMemory);
            assertThatThrownBy(() -> new YmodemSender(host, BRISK, TransferProgress.NONE).send(YmodemFile.of("a.bin", data)))
                    .isInstanceOfSatisfying(YmodemCancelledException.class, e -> assertThat(e.byPeer()).isTrue());
            assertThatThrownBy(got::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(YmodemCancelledException.class, e -> assertThat(e.byPeer()).isFalse());
        }
    }

    @Test
    void aSilentReceiverIsNamedInTheFailure() throws Exception {
        try (PtyPair pair = PtyPair.open(dir.resolve("host"), dir.resolve("device"));
             SerialPortLink host = new SerialPortLink(pair.hostPath(), 0)) {
            YmodemTimeouts quick = BRISK.withStart(Duration.ofSeconds(1));
            assertThatThrownBy(() -> new YmodemSender(host, quick, TransferProgress.NONE).send(YmodemFile.of("a.bin", new byte[10])))
                    .isInstanceOf(YmodemException.class)
                    .hasMessage("no 'C' for the header of a.bin within 1 s");
        }
    }
}
