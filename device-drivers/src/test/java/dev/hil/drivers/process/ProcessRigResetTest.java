package dev.hil.drivers.process;

import dev.hil.core.rig.BoardRig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.pi4j.io.gpio.digital.DigitalState;
import dev.hil.core.link.ImageSpan;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reset line of a process rig on real processes, socat PTYs, jSerialComm and the Pi4J mock
 * pins. The device program is {@code tee}: it echoes what it receives and appends it to a file in
 * the rig's state folder, so the file tells what every launch of the program got over its UART.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only, not a timing check
class ProcessRigResetTest {
    private static final Duration LIVENESS = Duration.ofSeconds(10);
    private static final String[] TEE = {"sh", "-c", "exec tee -a \"$1/rx.log\"", "device", "${state}"};

    @TempDir
    Path root;

    private BoardRig<ProcessBoard> rig(String... command) throws Exception {
        RigSpec spec = new RigSpec(root.resolve("rig.yaml"), root, "test-rig",
                new RigSpec.DeviceSpec("process", List.of(command), "pty", 115_200), "raw",
                new RigSpec.PowerSpec("pi4j", "mock", 17, true, new RigSpec.ResetSpec(27, false)),
                root.resolve("trust.pem"), Duration.ofSeconds(10), Map.of());
        return BoardRig.open(spec, root.resolve("state"), ProcessBoard::open, (s, b) -> new ProcessRigTest.RawEcho(b.link()));
    }

    private Path received() {
        return root.resolve("state/rx.log");
    }

    /** What the device programs got so far, once it ends with {@code last} (tee writes its file after its stdout). */
    private String receivedEndingWith(String last) {
        await("device program stored what it got").atMost(LIVENESS).until(() -> Files.exists(received())
                && Files.readString(received()).endsWith(last));
        try {
            return Files.readString(received());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitDiscarded(BoardRig<ProcessBoard> rig, long bytes) {
        await("host bytes discarded by the device in reset").atMost(LIVENESS)
                .until(() -> rig.board().processDevice().discardedHostBytes() >= bytes);
    }

    /** This JVM's open file descriptors on {@code node} (e.g. the /dev/pts/N the link has open). */
    private static List<String> descriptorsOn(Path node) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(node);
                } catch (IOException e) {
                    return false; // the descriptor of the listing itself, or one closed meanwhile
                }
            }).map(fd -> fd.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void resetHoldKillsTheProgramWhileThePortAndTheOpenLinkStayAndReleaseStartsItAgain() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(TEE)) {
            ResetLine reset = rig.resetLine().orElseThrow();
            rig.power().on();
            assertThat(rig.device().echo("one")).isEqualTo("one");
            assertThat(receivedEndingWith("one")).isEqualTo("one");
            ProcessHandle first = rig.board().processDevice().process().orElseThrow();
            Path pts = rig.board().processDevice().hostPort().toRealPath();
            List<String> linkDescriptors = descriptorsOn(pts);
            assertThat(linkDescriptors).as("the link has the port open").isNotEmpty();

            reset.hold();
            assertThat(first.isAlive()).isFalse();
            assertThat(rig.board().processDevice().lastExitValue()).hasValue(128 + 9); // SIGKILL, as a power cut
            assertThat(rig.board().processDevice().process()).isEmpty();
            assertThat(reset.held()).isTrue();
            assertThat(rig.board().resetPin().orElseThrow().pin().state()).isEqualTo(DigitalState.LOW); // active low
            assertThat(rig.power().isOn()).isTrue();
            assertThat(rig.board().processDevice().hostPort().toRealPath()).as("same pseudo-terminal").isEqualTo(pts);

            // The UART is up, so the write goes through; the device in reset reads none of it.
            rig.link().write("LOST".getBytes(StandardCharsets.US_ASCII), ImageSpan.NONE);
            awaitDiscarded(rig, 4);

            reset.release();
            ProcessHandle second = rig.board().processDevice().process().orElseThrow();
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(reset.held()).isFalse();
            // Same link object, same open descriptor: no reopen. cat-like echo of exactly "two"
            // also shows that "LOST" did not reach the new program before it.
            assertThat(rig.device().echo("two")).isEqualTo("two");
            assertThat(descriptorsOn(pts)).isEqualTo(linkDescriptors);
            // The state folder survived the reset: the first run's bytes are still there.
            assertThat(receivedEndingWith("two")).isEqualTo("onetwo");
            assertThat(rig.board().processLog().text()).contains("# reset held: SIGKILL pid " + first.pid(),
                    "# reset released: pid " + second.pid());
        }
    }

    @Test
    void resetHeldAcrossPowerOnKeepsTheProgramFromStartingUntilRelease() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(TEE)) {
            ResetLine reset = rig.resetLine().orElseThrow();
            reset.hold(); // unpowered: only the pin moves
            assertThat(rig.board().processDevice().isHeldInReset()).isTrue();
            rig.power().on();
            assertThat(rig.board().processDevice().isPowered()).isTrue();
            assertThat(rig.board().processDevice().process()).isEmpty();
            assertThat(rig.board().processDevice().hostPort()).exists();

            rig.link().write("early".getBytes(StandardCharsets.US_ASCII), ImageSpan.NONE);
            awaitDiscarded(rig, 5);
            assertThat(received()).as("no program ran").doesNotExist();

            reset.release();
            assertThat(rig.board().processDevice().process()).isPresent();
            assertThat(rig.device().echo("late")).isEqualTo("late");
            assertThat(receivedEndingWith("late")).isEqualTo("late");
            assertThat(rig.board().processLog().text()).contains("# power on, held in reset: program not started");
        }
    }

    @Test
    void powerOffWhileHeldTakesEverythingDownAndPowerOnStaysInReset() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig(TEE)) {
            ResetLine reset = rig.resetLine().orElseThrow();
            rig.power().on();
            assertThat(rig.device().echo("a")).isEqualTo("a");
            reset.hold();
            rig.power().off();
            assertThat(rig.board().processDevice().hostPort()).doesNotExist();
            assertThatThrownBy(() -> rig.link().write(new byte[] {1}, ImageSpan.NONE))
                    .isInstanceOf(LinkDownException.class);

            rig.power().on();
            assertThat(reset.held()).isTrue();
            assertThat(rig.board().processDevice().process()).isEmpty();
            reset.release();
            assertThat(rig.device().echo("b")).isEqualTo("b");
        }
    }

    @Test
    void closeWhileHeldLeavesNoProcessAndTheResetPinReleased() throws Exception {
        BoardRig<ProcessBoard> rig = rig(TEE);
        rig.power().on();
        assertThat(rig.device().echo("x")).isEqualTo("x");
        ProcessHandle program = rig.board().processDevice().process().orElseThrow();
        Path uartDir = rig.board().processDevice().hostPort().getParent();
        rig.resetLine().orElseThrow().hold();
        rig.close();
        rig.close();

        assertThat(program.isAlive()).isFalse();
        assertThat(uartDir).doesNotExist();
        // Neither a device program (its command names the state folder) nor socat (the UART folder) is left.
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(root.toString())
                        || c.contains(uartDir.toString())).orElse(false)).toList();
        assertThat(left).isEmpty();
        assertThat(rig.board().resetPin().orElseThrow().pin().state()).as("released (active low)").isEqualTo(DigitalState.HIGH);
        assertThat(rig.board().processDevice().isPowered()).isFalse();
    }

    /** Log and phase triggers hold reset on the log-reading thread; it must not join itself. */
    @Test
    void resetHoldFromALogListenerDoesNotWaitForItself() throws Exception {
        try (BoardRig<ProcessBoard> rig = rig("sh", "-c", "echo 'swap: start' >&2; exec cat")) {
            ResetLine reset = rig.resetLine().orElseThrow();
            CountDownLatch held = new CountDownLatch(1);
            AtomicBoolean once = new AtomicBoolean();
            try (AutoCloseable h = rig.log().onLine(line -> {
                if (line.contains("swap: start") && once.compareAndSet(false, true)) {
                    reset.hold();
                    held.countDown();
                }
            })) {
                rig.power().on();
                // Hang guard, not a measurement: a self-join waits 5 s; a correct hold takes milliseconds.
                assertThat(held.await(4, TimeUnit.SECONDS)).as("reset hold on the log thread returned").isTrue();
                assertThat(rig.board().processDevice().process()).isEmpty();
                reset.release();
                assertThat(rig.device().echo("back")).isEqualTo("back");
            }
        }
    }

    @Test
    void aProgramThatCannotStartAgainFailsReleaseAndStaysInReset() throws Exception {
        Path program = root.resolve("device.sh");
        Files.writeString(program, "#!/bin/sh\nexec cat\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        try (BoardRig<ProcessBoard> rig = rig("./device.sh")) {
            ResetLine reset = rig.resetLine().orElseThrow();
            rig.power().on();
            assertThat(rig.device().echo("1")).isEqualTo("1");
            reset.hold();
            Files.delete(program);

            assertThatThrownBy(reset::release).hasMessageContaining("device.sh");
            assertThat(reset.held()).as("the pin is left where the device is: not running").isTrue();
            assertThat(rig.board().processDevice().process()).isEmpty();
            assertThat(rig.power().isOn()).isTrue();

            Files.writeString(program, "#!/bin/sh\nexec cat\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
            reset.release();
            assertThat(rig.device().echo("2")).isEqualTo("2");
        }
    }

    @Test
    void aRigWithoutResetInItsFileHasNoResetLine() throws Exception {
        RigSpec spec = new RigSpec(root.resolve("rig.yaml"), root, "test-rig",
                new RigSpec.DeviceSpec("process", List.of("cat"), "pty", 0), "raw",
                new RigSpec.PowerSpec("pi4j", "mock", 17, true), root.resolve("trust.pem"),
                Duration.ofSeconds(10), Map.of());
        try (BoardRig<ProcessBoard> rig = BoardRig.open(spec, root.resolve("state"), ProcessBoard::open, (s, b) -> new ProcessRigTest.RawEcho(b.link()))) {
            assertThat(rig.resetLine()).isEmpty();
            assertThat(rig.board().resetPin()).isEmpty();
            assertThat(Files.exists(rig.board().processDevice().hostPort(), LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }
}
