package dev.hil.drivers.process;

import dev.hil.core.rig.BoardRig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.io.gpio.digital.DigitalState;
import dev.hil.core.device.Device;
import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.link.LinkTap;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.RigSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole process-rig chain on real processes, socat PTYs, jSerialComm and the Pi4J mock pin. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class ProcessRigTest {
    private static final Duration LIVENESS = Duration.ofSeconds(10);

    @TempDir
    Path root;

    /** The protocol seen by these tests: raw echo over the link, no image protocol. */
    static final class RawEcho implements Device {
        final SerialLink link;

        RawEcho(SerialLink link) {
            this.link = link;
        }

        @Override
        public String echo(String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            link.write(b, ImageSpan.NONE);
            return new String(readExactly(link, b.length), StandardCharsets.UTF_8);
        }

        private static DeviceException none() {
            return new DeviceException(DeviceException.Kind.PROTOCOL, "a raw echo device has no image protocol");
        }

        @Override
        public void upload(FirmwareImage image, LongConsumer progress) {
            throw none();
        }

        @Override
        public List<ImageSlot> images() {
            throw none();
        }

        @Override
        public void test(byte[] hash) {
            throw none();
        }

        @Override
        public void confirm(byte[] hash) {
            throw none();
        }

        @Override
        public void reset() {
            throw none();
        }
    }

    static byte[] readExactly(SerialLink link, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (out.size() < n) {
            int r = link.read(buf, LIVENESS);
            assertThat(r).as("device answered within the liveness bound after %d of %d bytes", out.size(), n)
                    .isPositive();
            out.write(buf, 0, r);
        }
        assertThat(out.size()).as("no more than asked for").isEqualTo(n);
        return out.toByteArray();
    }

    private BoardRig<ProcessBoard> rig(int baud, boolean activeHigh, String... command) throws Exception {
        RigSpec spec = new RigSpec(root.resolve("rig.yaml"), root, "test-rig",
                new RigSpec.DeviceSpec("process", List.of(command), "pty", baud), "raw",
                new RigSpec.PowerSpec("pi4j", "mock", 17, activeHigh), root.resolve("trust.pem"),
                Duration.ofSeconds(10), Map.of("boot", "boot: slot"));
        return BoardRig.open(spec, root.resolve("state"), ProcessBoard::open, (s, b) -> new RawEcho(b.link()));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void bytesComeBackIdenticalThroughCatAtUnlimitedAndPacedBaud() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "cat")) {
            rig.power().on();
            assertThat(rig.device().echo("hello\r\n")).isEqualTo("hello\r\n");
            byte[] block = random(64 * 1024, 1);
            // Write and read in turns so neither the pty nor cat's pipe has to hold 64 KiB.
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (int off = 0; off < block.length; off += 1024) {
                rig.link().write(Arrays.copyOfRange(block, off, off + 1024), ImageSpan.NONE);
                back.write(readExactly(rig.link(), 1024));
            }
            assertThat(back.toByteArray()).isEqualTo(block);
        }
        try (BoardRig<ProcessBoard> rig = rig(115_200, true, "cat")) {
            rig.power().on();
            byte[] small = random(600, 2);
            rig.link().write(small, ImageSpan.NONE);
            assertThat(readExactly(rig.link(), small.length)).isEqualTo(small);
        }
    }

    @Test
    void portVanishesWhilePoweredOffAndWorksAgainAfterPowerOn() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "cat")) {
            assertThatThrownBy(() -> rig.link().write(new byte[] {1}, ImageSpan.NONE))
                    .isInstanceOf(LinkDownException.class);
            rig.power().on();
            assertThat(rig.device().echo("one")).isEqualTo("one");
            Path host = rig.board().processDevice().hostPort();
            assertThat(Files.exists(host)).isTrue();

            rig.power().off();
            assertThat(Files.exists(host, LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertThatThrownBy(() -> rig.link().write(new byte[] {1}, ImageSpan.NONE))
                    .isInstanceOf(LinkDownException.class);
            assertThatThrownBy(() -> rig.link().read(new byte[1], Duration.ofMillis(10)))
                    .isInstanceOf(LinkDownException.class);

            rig.power().on();
            assertThat(rig.device().echo("two")).isEqualTo("two");
        }
    }

    @Test
    void powerOffKillsAProgramThatIgnoresSigterm() throws Exception {
        // An ignored disposition survives exec (only caught signals are reset), so cat ignores TERM.
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "trap '' TERM; exec cat")) {
            rig.power().on();
            assertThat(rig.device().echo("alive")).isEqualTo("alive"); // exec done: cat is the process
            ProcessHandle p = rig.board().processDevice().process().orElseThrow();
            String status = Files.readString(Path.of("/proc/" + p.pid() + "/status"));
            String sigIgn = status.lines().filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow();
            long mask = Long.parseUnsignedLong(sigIgn.substring("SigIgn:".length()).trim(), 16);
            assertThat(mask & (1L << (15 - 1))).as("SIGTERM ignored: %s", sigIgn).isNotZero();

            long before = System.nanoTime();
            rig.power().off();
            assertThat(p.isAlive()).isFalse();
            assertThat(rig.board().processDevice().lastExitValue()).hasValue(128 + 9); // killed by SIGKILL
            assertThat(rig.board().processDevice().lastKillNanos().orElseThrow()).isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void powerOffKillsTheHelpersTheProgramStartedWithTheOneGroupKill() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "sleep 300 & exec cat")) {
            rig.power().on();
            assertThat(rig.device().echo("alive")).isEqualTo("alive");
            ProcessHandle program = rig.board().processDevice().process().orElseThrow();
            List<ProcessHandle> helpers = program.descendants().toList();
            assertThat(helpers).as("the sleep the program started").hasSize(1);

            rig.power().off();
            assertThat(program.isAlive()).isFalse();
            assertThat(rig.board().processDevice().lastExitValue()).hasValue(128 + 9);
            org.awaitility.Awaitility.await("helper gone").atMost(LIVENESS).pollInterval(Duration.ofMillis(10))
                    .until(() -> !helpers.get(0).isAlive());
            KillTimes k = rig.board().processDevice().lastKill().orElseThrow();
            assertThat(k.relayedNanos()).isLessThanOrEqualTo(k.callNanos());
            assertThat(k.callNanos()).isLessThanOrEqualTo(k.sentNanos());
            assertThat(k.sentNanos()).isLessThanOrEqualTo(k.goneNanos());
        }
    }

    @Test
    void powerOffOfAProgramThatHadAlreadyExitedIsHarmlessAndNoted() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "exit 3")) {
            rig.power().on();
            rig.board().processDevice().process().orElseThrow().onExit().get();

            rig.power().off();
            assertThat(rig.power().isOn()).isFalse();
            assertThat(rig.board().processDevice().lastExitValue()).hasValue(3);
            assertThat(rig.board().processLog().lines()).anyMatch(l -> l.contains("had already exited: no process left to kill"));
        }
    }

    /**
     * Log and phase triggers cut power on the log-reading thread. Power-off used to join that
     * thread from itself, so the cut stalled its own thread for 5 s (and the off-for with it).
     */
    @Test
    void powerOffFromALogListenerDoesNotWaitForItself() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "echo 'swap: start' >&2; exec cat")) {
            java.util.concurrent.CountDownLatch offReturned = new java.util.concurrent.CountDownLatch(1);
            try (AutoCloseable h = rig.log().onLine(line -> {
                if (line.contains("swap: start")) {
                    rig.power().off();
                    offReturned.countDown();
                }
            })) {
                rig.power().on();
                // Hang guard, not a measurement: the self-join waited 5 s; a correct off() takes milliseconds.
                assertThat(offReturned.await(4, java.util.concurrent.TimeUnit.SECONDS))
                        .as("power-off called on the log thread returned").isTrue();
            }
            assertThat(rig.power().isOn()).isFalse();
        }
    }

    /** Two harness runs on one state folder flashed the same device under each other (seen in a lab run). */
    @Test
    void aSecondRigOnTheSameStateIsRefusedUntilTheFirstCloses() throws Exception {
        try (BoardRig<ProcessBoard> first = rig(0, true, "cat")) {
            assertThatThrownBy(() -> rig(0, true, "cat")).hasMessageContaining("is in use by another harness");
        }
        try (BoardRig<ProcessBoard> again = rig(0, true, "cat")) {
            again.power().on();
            assertThat(again.device().echo("mine")).isEqualTo("mine");
        }
    }

    @Test
    void stderrLinesReachListenersInOrderAndTheTimestampedCopy() throws Exception {
        List<String> expected = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            expected.add("line " + i);
            script.append("echo 'line ").append(i).append("' >&2; ");
        }
        script.append("exec cat");
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", script.toString())) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            try (AutoCloseable h = rig.log().onLine(seen::add)) {
                rig.power().on();
                // The echo answers only once the script has exec'd cat, i.e. after every line was written.
                assertThat(rig.device().echo("sync")).isEqualTo("sync");
                rig.power().off(); // returns after the stderr reader has seen the end of the stream
            }
            assertThat(seen).containsExactlyElementsOf(expected);
            List<String> copy = rig.board().processLog().lines().stream().filter(l -> !l.contains(" # ")).toList();
            assertThat(copy).hasSize(200);
            assertThat(copy.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z line 1");
            assertThat(rig.board().processLog().text()).contains("# power on: pid", "# power off: SIGKILL pid");
        }
    }

    @Test
    void stateAndTrustAreSubstitutedAndTheProgramRunsInTheRigRoot() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "echo \"state=$1 trust=$2 pwd=$(pwd)\" >&2; exec cat",
                "device", "${state}", "${trust}")) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            try (AutoCloseable h = rig.log().onLine(seen::add)) {
                rig.power().on();
                assertThat(rig.device().echo("sync")).isEqualTo("sync"); // the script has exec'd cat
                // What is checked here is the substitution, so wait for the line to be read (a CI
                // machine under load once powered off before the reader thread got to it).
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
                rig.power().off();
            }
            assertThat(seen).containsExactly("state=" + root.resolve("state").toAbsolutePath()
                    + " trust=" + root.resolve("trust.pem").toAbsolutePath()
                    + " pwd=" + root.toRealPath());
        }
    }

    @Test
    void eraseWipesTheStateOnlyWhilePoweredOff() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "sh", "-c", "echo flash > \"$1/flash.bin\"; mkdir -p \"$1/d\"; exec cat",
                "device", "${state}")) {
            rig.power().on();
            assertThat(rig.device().echo("x")).isEqualTo("x"); // the script has run past its writes
            assertThatThrownBy(rig::eraseDevice).isInstanceOf(IllegalStateException.class);
            rig.power().off();
            assertThat(rig.board().stateDir().resolve("flash.bin")).exists(); // survives a power cycle
            rig.eraseDevice();
            assertThat(rig.board().stateDir()).isEmptyDirectory();
        }
    }

    @Test
    void pinFollowsPowerWithActiveLow() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, false, "cat")) {
            assertThat(rig.power().isOn()).isFalse();
            rig.power().on();
            assertThat(rig.board().processDevice().isPowered()).isTrue();
            assertThat(pinState(rig)).isEqualTo(DigitalState.LOW);
            rig.power().off();
            assertThat(rig.board().processDevice().isPowered()).isFalse();
            assertThat(pinState(rig)).isEqualTo(DigitalState.HIGH);
        }
    }

    private static DigitalState pinState(BoardRig<ProcessBoard> rig) {
        return rig.board().powerPin().pin().state();
    }

    @Test
    void aProgramThatCannotStartFailsPowerOnAndLeavesThePinOff() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(0, true, "/nonexistent/device-program")) {
            assertThatThrownBy(() -> rig.power().on()).hasMessageContaining("/nonexistent/device-program");
            assertThat(rig.power().isOn()).isFalse();
            assertThat(rig.board().processDevice().isPowered()).isFalse();
            assertThat(rig.board().processDevice().hostPort()).doesNotExist();
        }
    }

    @Test
    void closeLeavesTheDeviceOffAndMayBeRepeated() throws Exception {
        BoardRig<ProcessBoard> rig = rig(0, true, "cat");
        rig.power().on();
        ProcessHandle p = rig.board().processDevice().process().orElseThrow();
        Path host = rig.board().processDevice().hostPort();
        rig.close();
        rig.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(host.getParent()).doesNotExist();
    }

    /**
     * A tap asking for image byte N gets control after exactly the wire prefix for N image bytes
     * was written, and before anything else. Not timing-dependent: inside the callback the tap
     * writes a marker; cat echoes in order, so whatever comes back before the marker is exactly
     * what had been written when the callback ran.
     */
    @Test
    void imageBoundarySplitsTheWireExactlyAtTheSpansPrefix() throws Exception {
        int header = 7;
        int imageBytes = 300;
        byte[] wire = new byte[header + imageBytes + imageBytes / 16 + 5];
        int[] prefix = new int[imageBytes + 1];
        // Wire layout like an escaped frame: a header, then image bytes with an escape byte
        // before every 16th, then a trailer. All values < 0x80 so the marker cannot occur.
        int w = 0;
        for (; w < header; w++) {
            wire[w] = (byte) (0x40 + w);
        }
        prefix[0] = w;
        Random rnd = new Random(7);
        for (int k = 0; k < imageBytes; k++) {
            if (k % 16 == 15) {
                wire[w++] = 0x7d;
            }
            wire[w++] = (byte) rnd.nextInt(0x7d);
            prefix[k + 1] = w;
        }
        while (w < wire.length) {
            wire[w++] = 0x7e;
        }
        byte[] marker = {(byte) 0xf0, (byte) 0xf1, (byte) 0xf2, (byte) 0xf3};
        long boundary = 1000 + 143; // the span starts at image byte 1000; 143 % 16 == 15 (escaped)

        try (BoardRig<ProcessBoard> rig = rig(115_200, true, "cat")) {
            rig.power().on();
            SerialLink link = rig.link();
            link.startImage(5000);
            ByteArrayOutputStream beforeMarker = new ByteArrayOutputStream();
            long[] reported = new long[2];
            LinkTap tap = new LinkTap() {
                long want = boundary;

                @Override
                public long imageBoundary() {
                    return want;
                }

                @Override
                public void atImageBoundary(long image, long wireBytes) {
                    want = -1;
                    reported[0] = image;
                    reported[1] = wireBytes;
                    link.write(marker, ImageSpan.NONE);
                    byte[] buf = new byte[4096];
                    while (true) {
                        int r = link.read(buf, LIVENESS);
                        assertThat(r).isPositive();
                        beforeMarker.write(buf, 0, r);
                        byte[] got = beforeMarker.toByteArray();
                        if (got.length >= 4 && Arrays.equals(got, got.length - 4, got.length, marker, 0, 4)) {
                            beforeMarker.reset();
                            beforeMarker.write(got, 0, got.length - 4);
                            return;
                        }
                    }
                }
            };
            link.addTap(tap);
            link.startImage(5000);
            // Pretend the bytes before this write already left: the span starts at image byte 1000.
            link.write(new byte[0], new ImageSpan(0, new int[] {0, 0}));
            ImageSpan span = new ImageSpan(1000, prefix);
            link.write(wire, span);

            int cut = prefix[(int) (boundary - 1000)];
            assertThat(reported).containsExactly(boundary, cut);
            assertThat(beforeMarker.toByteArray()).isEqualTo(Arrays.copyOfRange(wire, 0, cut));
            assertThat(readExactly(link, wire.length - cut)).isEqualTo(Arrays.copyOfRange(wire, cut, wire.length));
            assertThat(link.imageBytesWritten()).isEqualTo(1000 + imageBytes);
        }
    }
}
