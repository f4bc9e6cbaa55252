package dev.hil.faults;

import static dev.hil.faults.FaultBench.arm;
import static dev.hil.faults.FaultBench.events;
import static dev.hil.faults.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hil.core.fault.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinkFaultsTest {
    private static final LineUpload UPLOAD = new LineUpload(1000, 64, 10);
    private static final byte[] CLEAN = UPLOAD.clean();

    private static BenchRig rig() {
        return new BenchRig(UPLOAD.size, Map.of());
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Sends the upload with the fault armed; returns what reached the port. */
    private static byte[] run(BenchRig rig, Fault f) {
        arm(rig, f);
        UPLOAD.send(rig.link);
        f.trigger().disarm();
        f.release(rig);
        rig.close();
        return rig.link.sentBytes();
    }

    private static List<Integer> differingOffsets(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void bitCorruptionFlipsOneBitInEachOfTheNextNBytesAfterTheTriggerByte() {
        for (int n : new int[] {0, 1, 9, 10, 64, 500, 999}) {
            BenchRig rig = rig();
            byte[] sent = run(rig, fault("corrupt", params("at", Map.of("bytes", n), "bits", 3, "seed", 42)));
            int w = UPLOAD.wireAt(n);
            assertThat(differingOffsets(sent, CLEAN)).as("changed wire offsets for trigger at image byte %d", n)
                    .containsExactly(w, w + 1, w + 2);
            for (int i = w; i < w + 3; i++) {
                assertThat(Integer.bitCount((sent[i] ^ CLEAN[i]) & 0xFF)).isEqualTo(1);
            }
            List<String> changes = events(rig, "corrupt");
            assertThat(changes).hasSize(4); // the announcement and one line per changed byte
            long linkOffset = 0; // MemoryLink counts wire bytes from its first write, which is this upload's
            assertThat(changes.get(1)).startsWith("wire byte " + (linkOffset + w) + " (" + n + " image bytes written): bit ");
        }
    }

    @Test
    void byteCorruptionReplacesExactlyTheNextNBytesWithOtherValues() {
        BenchRig rig = rig();
        byte[] sent = run(rig, fault("corrupt", params("at", Map.of("bytes", 123), "bytes", 5, "seed", 7)));
        int w = UPLOAD.wireAt(123);
        assertThat(differingOffsets(sent, CLEAN)).containsExactly(w, w + 1, w + 2, w + 3, w + 4);
        assertThat(events(rig, "corrupt").get(3)).contains("wire byte " + (w + 2)).contains("replaced");
    }

    @Test
    void sameSeedGivesByteIdenticalDamageAndTheScenarioSeedIsTheDefault() {
        Map<String, Object> at = Map.of("bytes", 300);
        byte[] a = run(rig(), fault("corrupt", params("at", at, "bytes", 16, "seed", 99)));
        byte[] b = run(rig(), fault("corrupt", params("at", at, "bytes", 16, "seed", 99)));
        byte[] c = run(rig(), fault("corrupt", params("at", at, "bytes", 16, "seed", 100)));
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);

        BenchRig scenarioSeeded = rig();
        scenarioSeeded.seed = 99;
        assertThat(run(scenarioSeeded, fault("corrupt", params("at", at, "bytes", 16)))).isEqualTo(a);
    }

    @Test
    void dropCountedInBytesRemovesExactlyThoseHostToDeviceBytes() {
        BenchRig rig = rig();
        Fault f = fault("link-drop", params("at", Map.of("bytes", 70), "bytes", 100, "direction", "host-to-device"));
        byte[] sent = run(rig, f);
        int w = UPLOAD.wireAt(70);
        byte[] expected = new byte[CLEAN.length - 100];
        System.arraycopy(CLEAN, 0, expected, 0, w);
        System.arraycopy(CLEAN, w + 100, expected, w, CLEAN.length - w - 100);
        assertThat(sent).isEqualTo(expected);
        assertThat(f.active()).isFalse();
        assertThat(events(rig, "link-drop")).anyMatch(e -> e.contains("dropped 100 host→device bytes from wire byte " + w));
    }

    @Test
    void deviceToHostDropLeavesTheHostSideAloneAndEatsIncomingBytes() throws Exception {
        BenchRig rig = rig();
        Fault f = fault("link-drop", params("at", Map.of("bytes", 0), "bytes", 5, "direction", "device-to-host"));
        arm(rig, f);
        UPLOAD.send(rig.link);
        assertThat(rig.link.sentBytes()).isEqualTo(CLEAN);
        rig.link.toHost.add("abc".getBytes());
        rig.link.toHost.add("defgh".getBytes());
        byte[] buf = new byte[16];
        assertThat(rig.link.read(buf, Duration.ZERO)).isZero();
        int n = rig.link.read(buf, Duration.ZERO);
        assertThat(new String(buf, 0, n)).isEqualTo("fgh");
        rig.link.toHost.add("ijk".getBytes());
        n = rig.link.read(buf, Duration.ZERO);
        assertThat(new String(buf, 0, n)).isEqualTo("ijk");
        rig.close();
    }

    @Test
    void timedDropSilencesBothWaysUntilItsWindowEnds() {
        BenchRig rig = rig();
        Fault f = fault("link-drop", params("at", Map.of("bytes", 200), "for", "10m"));
        arm(rig, f);
        UPLOAD.send(rig.link);
        assertThat(rig.link.sentBytes()).isEqualTo(Arrays.copyOf(CLEAN, UPLOAD.wireAt(200)));
        rig.link.toHost.add("xyz".getBytes());
        assertThat(rig.link.read(new byte[8], Duration.ZERO)).isZero();
        assertThat(f.active()).isTrue();
        f.release(rig); // ends the window early, as at the end of a scenario
        assertThat(f.active()).isFalse();
        assertThat(events(rig, "link-drop")).anyMatch(e -> e.startsWith("link restored"));
        rig.close();
    }

    @Test
    void truncationSilencesTheUploadUntilTheClientStartsItAgain() {
        BenchRig rig = rig();
        Fault f = fault("truncate", params("at", Map.of("transferred", "50%")));
        arm(rig, f);
        UPLOAD.send(rig.link);
        UPLOAD.sendChunk(rig.link, 448); // a retry of the chunk the cut landed in: still silent
        assertThat(rig.link.sentBytes()).isEqualTo(Arrays.copyOf(CLEAN, UPLOAD.wireAt(500)));
        assertThat(f.interruptsUpdate()).isFalse();

        UPLOAD.send(rig.link); // the client's next attempt
        byte[] sent = rig.link.sentBytes();
        assertThat(Arrays.copyOfRange(sent, UPLOAD.wireAt(500), sent.length)).isEqualTo(CLEAN);
        assertThat(events(rig, "truncate")).last().asString().contains("link restored")
                .contains("cut after image byte 500");
        rig.close();
    }

    @Test
    void duplicateRepeatsTheFrameInProgressRightAfterItsEnd() {
        for (int n : new int[] {1, 10, 15, 64, 65, 999}) {
            BenchRig rig = rig();
            byte[] sent = run(rig, fault("duplicate", params("at", Map.of("bytes", n))));
            int w = UPLOAD.wireAt(n);
            int start = lastIndexOf(CLEAN, (byte) '\n', w - 1) + 1;
            int end = indexOf(CLEAN, (byte) '\n', w);
            byte[] expected = concat(Arrays.copyOfRange(CLEAN, 0, end + 1), Arrays.copyOfRange(CLEAN, start, end + 1),
                    Arrays.copyOfRange(CLEAN, end + 1, CLEAN.length));
            assertThat(sent).as("duplicate after image byte %d", n).isEqualTo(expected);
            assertThat(events(rig, "duplicate")).singleElement().asString()
                    .contains("frame of " + (end + 1 - start) + " bytes (wire bytes " + start + ".." + end);
        }
    }

    @Test
    void garbageGoesBetweenFramesAndIsTheSeedsRandomBytes() {
        BenchRig rig = rig();
        byte[] sent = run(rig, fault("garbage", params("at", Map.of("bytes", 33), "bytes", 20, "seed", 5)));
        int w = UPLOAD.wireAt(33);
        int end = indexOf(CLEAN, (byte) '\n', w);
        byte[] noise = new byte[20];
        new Random(5).nextBytes(noise);
        assertThat(sent).isEqualTo(concat(Arrays.copyOfRange(CLEAN, 0, end + 1), noise,
                Arrays.copyOfRange(CLEAN, end + 1, CLEAN.length)));
    }

    @Test
    void delayHoldsEveryWriteByTheSameSeededAmounts() {
        List<String> first = delays(3);
        assertThat(first).hasSize((UPLOAD.size + UPLOAD.chunk - 1) / UPLOAD.chunk);
        assertThat(delays(3)).isEqualTo(first);
        assertThat(delays(4)).isNotEqualTo(first);
    }

    private static List<String> delays(long seed) {
        BenchRig rig = rig();
        Fault f = fault("delay", params("ms", 0, "jitter", 1, "seed", seed));
        byte[] sent = run(rig, f);
        assertThat(sent).isEqualTo(CLEAN);
        return events(rig, "delay").stream().filter(e -> e.startsWith("write of")).toList();
    }

    @Test
    void stallHoldsTheWriterMidFrameUntilItsWindowEnds() throws Exception {
        BenchRig rig = rig();
        Fault f = fault("stall", params("at", Map.of("bytes", 205), "for", "10m"));
        arm(rig, f);
        Thread writer = new Thread(() -> UPLOAD.send(rig.link));
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events(rig, "stall").isEmpty()
                && events(rig, "stall").stream().anyMatch(e -> e.startsWith("writer held")));
        assertThat(f.active()).isTrue();
        assertThat(rig.link.sentBytes()).isEqualTo(Arrays.copyOf(CLEAN, UPLOAD.wireAt(205)));
        f.release(rig);
        writer.join();
        assertThat(rig.link.sentBytes()).isEqualTo(CLEAN);
        assertThat(f.active()).isFalse();
        rig.close();
    }

    /** One spec of each link kind, triggered at image byte 500. */
    private static List<Map<String, Object>> everyLinkKind() {
        Map<String, Object> at = Map.of("bytes", 500);
        return List.of(params("kind", "link-drop", "at", at, "bytes", 10), params("kind", "corrupt", "at", at, "bits", 2),
                params("kind", "delay", "at", at, "ms", 0), params("kind", "truncate", "at", at),
                params("kind", "stall", "at", at, "for", "1ms"), params("kind", "duplicate", "at", at),
                params("kind", "garbage", "at", at, "bytes", 4));
    }

    @Test
    void everyLinkFaultKeepsItsKindAndNeverInterruptsTheUpdate() {
        for (Map<String, Object> spec : everyLinkKind()) {
            String kind = (String) spec.remove("kind");
            Fault f = fault(kind, spec);
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.interruptsUpdate()).as(kind).isFalse();
            assertThat(f.active()).as(kind).isFalse();
        }
    }

    @Test
    void aLinkFaultThatNeverFiredLeavesTheLinkAloneAndReleasesQuietly() {
        for (Map<String, Object> spec : everyLinkKind()) {
            String kind = (String) spec.remove("kind");
            BenchRig rig = rig();
            Fault f = fault(kind, spec);
            arm(rig, f);
            UPLOAD.sendChunk(rig.link, 0); // stays short of the trigger byte
            f.trigger().disarm();
            f.release(rig);
            f.release(rig);
            assertThat(f.active()).as(kind).isFalse();
            UPLOAD.send(rig.link);
            byte[] sent = rig.link.sentBytes();
            int firstChunk = sent.length - CLEAN.length;
            assertThat(firstChunk).as(kind).isPositive();
            assertThat(Arrays.copyOf(sent, firstChunk)).as(kind).isEqualTo(Arrays.copyOf(CLEAN, firstChunk));
            assertThat(Arrays.copyOfRange(sent, firstChunk, sent.length)).as(kind).isEqualTo(CLEAN);
            assertThat(events(rig, kind)).as(kind).isEmpty();
            rig.close();
        }
    }

    @Test
    void announcementsNameTheSeedAndThePointOfTheCut() {
        BenchRig rig = rig();
        rig.seed = 8;
        run(rig, fault("corrupt", params("at", Map.of("bytes", 123), "bytes", 5)));
        assertThat(events(rig, "corrupt")).first()
                .isEqualTo("damaging the next 5 host→device wire bytes (each replaced, seed 8)");

        rig = rig();
        run(rig, fault("delay", params("ms", 2, "jitter", 0, "seed", 11)));
        assertThat(events(rig, "delay")).first()
                .isEqualTo("every host→device write held 2.000 ms + jitter 0..0.000 ms (seed 11) from now on");

        rig = rig();
        run(rig, fault("truncate", params("at", Map.of("bytes", 500))));
        assertThat(events(rig, "truncate")).first().isEqualTo(
                "upload cut after image byte 500 of 1000: host→device silent until the client starts its next attempt");

        rig = rig();
        run(rig, fault("link-drop", params("at", Map.of("bytes", 70), "bytes", 9)));
        assertThat(events(rig, "link-drop")).first()
                .isEqualTo("dropping both bytes (the next 9 each way) from 70 image bytes written");
    }

    @Test
    void garbageNamesItsSeedAndNoiseAndTheScenarioSeedIsTheDefault() {
        BenchRig rig = rig();
        rig.seed = 5;
        byte[] sent = run(rig, fault("garbage", params("at", Map.of("bytes", 33), "bytes", 20)));
        byte[] noise = new byte[20];
        new Random(5).nextBytes(noise);
        int end = indexOf(CLEAN, (byte) '\n', UPLOAD.wireAt(33));
        assertThat(events(rig, "garbage")).singleElement().isEqualTo("20 random bytes inserted before wire byte "
                + (end + 1) + " (33 image bytes written), seed 5: " + HexFormat.of().formatHex(noise));
        assertThat(run(rig(), fault("garbage", params("at", Map.of("bytes", 33), "bytes", 20, "seed", 5))))
                .isEqualTo(sent);
    }

    @Test
    void delayDrawsTheSameHoldsFromItsOwnSeedAsFromTheSameScenarioSeed() {
        BenchRig own = rig();
        run(own, fault("delay", params("ms", 0, "jitter", 1, "seed", 6)));
        BenchRig scenario = rig();
        scenario.seed = 6;
        run(scenario, fault("delay", params("ms", 0, "jitter", 1)));
        assertThat(events(scenario, "delay")).isEqualTo(events(own, "delay"));
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] a, byte b, int from) {
        for (int i = from; i >= 0; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
