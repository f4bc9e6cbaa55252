package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input stops a run before any device is touched; bad devices fail their scenario, not the harness. */
class MisbehavingInputAndDevicesTest {
    @TempDir
    Path tmp;

    private Path suite() throws IOException {
        Path suite = tmp.resolve("suite");
        Files.createDirectories(suite.resolve("cases"));
        Files.writeString(suite.resolve("hil-suite.yaml"), "name: test suite\ntest-images: images\n");
        for (String id : List.of("A", "B")) {
            Files.writeString(suite.resolve("cases/" + id + ".yaml"), """
                    id: T-%s
                    title: case %s
                    traceability: {requirements: [SRS-T], risks: [HAZ-T]}
                    given:
                      running: ../images/app-1.0.0.signed
                    when:
                      update: {image: ../images/app-1.1.0.signed}
                    faults:
                      - power-cut: {at: {transferred: 50%%}, off-for: 100ms}
                    then:
                      recovers: {to: given, within: 3s}
                      verified: true
                    """.formatted(id, id));
        }
        return suite;
    }

    private Path rig(String name, String command, Path suite) throws IOException {
        Path rig = tmp.resolve(name + ".yaml");
        Files.writeString(rig, """
                name: %s
                device:
                  kind: process
                  command: %s
                  serial: pty
                protocol: smp
                power: {kind: pi4j, provider: mock, pin: 17, active: high}
                keys: {trust: %s}
                budgets: {boot: 2s}
                phases: {swap: "swap: start"}
                """.formatted(name, command, suite.resolve("images/test-signing.pub.pem")));
        return rig;
    }

    @Test
    void invalidScenarioExitsTwoWithFileLineColumnAndTouchesNoDevice() throws Exception {
        Path suite = suite();
        Path bad = suite.resolve("cases/B.yaml");
        Files.writeString(bad, Files.readString(bad).replace("within: 3s", "within: three seconds"));
        Path state = tmp.resolve("state");
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", "rigs/virtual.yaml",
                "--results", results.toString(), "--state", state.toString(), suite.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains(bad + ":11:").contains("not a duration");
        assertThat(state).doesNotExist();
        assertThat(AllureResults.read(results)).isEmpty();
    }

    @Test
    void silentDeviceFailsEachScenarioWithATimeoutAndTheRunGoesOn() throws Exception {
        Path suite = suite();
        Path rig = rig("silent", "[sh, -c, 'exec cat > /dev/null']", suite);
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), suite.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        List<JsonNode> all = AllureResults.read(results);
        assertThat(all).hasSize(2).allSatisfy(res -> {
            assertThat(res.path("status").asText()).isEqualTo("failed");
            assertThat(res.path("statusDetails").path("message").asText())
                    .contains("device answers after power-on").contains("no answer within the budget of 2s");
        });
    }

    @Test
    void deviceSpewingGarbageFailsWithTheReason() throws Exception {
        Path suite = suite();
        Path rig = rig("garbage", "[sh, -c, 'exec cat /dev/urandom']", suite);
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), suite.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        List<JsonNode> all = AllureResults.read(results);
        assertThat(all).hasSize(2).allSatisfy(res -> {
            assertThat(res.path("status").asText()).isEqualTo("failed");
            assertThat(res.path("statusDetails").path("message").asText()).contains("device answers after power-on")
                    .contains("no answer within the budget of 2s");
        });
    }

    @Test
    void aResetFaultOnARigWithoutResetLineExitsTwoBeforeAnyDeviceStarts() throws Exception {
        Path suite = suite();
        Path a = suite.resolve("cases/A.yaml");
        Files.writeString(a, Files.readString(a).replace("- power-cut: {at: {transferred: 50%}, off-for: 100ms}",
                "- reset: {at: {transferred: 50%}, hold: 100ms}"));
        Path started = tmp.resolve("device-started");
        Path rig = rig("no-reset", "[sh, -c, 'touch " + started + "; exec cat']", suite);
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), a.toString());
        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains(a + ":9:5: reset: rig 'no-reset'").contains("has no reset line")
                .contains("1 problem(s) in the input; nothing was run");
        assertThat(started).doesNotExist();
        assertThat(tmp.resolve("state")).doesNotExist();
        assertThat(AllureResults.read(results)).isEmpty();
    }
}
