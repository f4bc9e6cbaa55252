package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to {@code hil run} mid-suite: the device ends powered off and finished results are on disk. */
class AbortLeavesRigOffTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermMidSuiteLeavesDeviceOffAndResultsWritten() throws Exception {
        Path results = tmp.resolve("results");
        Path state = tmp.resolve("state");
        Process hil = HilProcess.start(tmp.resolve("run.log"), "run", "--rig", "rigs/virtual.yaml",
                "--results", results.toString(), "--state", state.toString(), "scenarios/library/power");
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            // Wait for one finished case, then for the next one's device to be running.
            while (AllureResults.read(results).isEmpty() && hil.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            while (devices(state).isEmpty() && hil.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(hil.isAlive()).as(Files.readString(tmp.resolve("run.log"))).isTrue();
            assertThat(devices(state)).as("a device is powered when we abort").isNotEmpty();
            hil.destroy(); // SIGTERM
            assertThat(hil.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            hil.destroyForcibly();
        }
        // Nothing of the rig may outlive the harness: the device is off.
        Thread.sleep(500);
        assertThat(devices(state)).as("device processes left running").isEmpty();
        List<JsonNode> written = AllureResults.read(results);
        assertThat(written).hasSizeGreaterThanOrEqualTo(2);
        assertThat(written).anyMatch(r -> r.path("status").asText().equals("passed"));
        Optional<JsonNode> aborted = written.stream().filter(r -> r.path("status").asText().equals("broken")).findFirst();
        assertThat(aborted).isPresent();
        assertThat(aborted.get().path("statusDetails").path("message").asText()).contains("aborted");
    }

    /** Live virtual-device processes of this run (their command line names our state folder). */
    private static List<ProcessHandle> devices(Path state) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("virtual-device.jar") && c.contains(state.toString())).orElse(false)).toList();
    }
}
