package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lab meets on a real bench, on the simulated one: a port that never comes back (a rig
 * fault, not a product failure, and the run goes on), a second harness on the same board (exit 2
 * naming the holder), and a harness killed with SIGKILL mid-case (the next one powers the board off
 * before anything else).
 */
class SimulatedBenchRigFaultsTest {
    private static final String CLEAN = "scenarios/library/power/clean-update.yaml";
    private static final String CUT = "scenarios/library/power/cut-at-050-percent.yaml";

    @TempDir
    Path tmp;

    @Test
    void aPortThatNeverComesBackIsARigFaultWithinItsBudgetAndTheRunGoesOn() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            // The rig looks for the board's UART behind a by-id link that never appears (unplugged).
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-unplugged",
                    "usb-HIL_Bench-Sim_0001-if00-port0", "usb-HIL_Unplugged_0009-if00-port0",
                    "budgets: {boot: 10s, port: 5s}", "budgets: {boot: 10s, port: 1500ms}");
            Path results = tmp.resolve("results");
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                    "--results", results.toString(), "--state", tmp.resolve("state").toString(), CLEAN, CUT);
            assertThat(r.exit()).as(r.output()).isEqualTo(1);
            List<JsonNode> all = AllureResults.read(results);
            assertThat(all).hasSize(2).allSatisfy(n -> {
                assertThat(n.path("status").asText()).isEqualTo("broken");
                assertThat(n.path("statusDetails").path("message").asText())
                        .contains("did not come back within 1500 ms after power-on (budgets.port)");
                // A harness/rig error for the auditor, never a product defect.
                assertThat(n.toString()).contains("RIG_FAULT");
            });
            assertThat(Files.readString(bench.gpioValue(17)).trim()).as("board left powered off").isEqualTo("0");
        }
    }

    /**
     * {@code provision: command}: a debug-probe flasher (the reference device's ProbeFlash: chip
     * erase, program the primary slot) runs with the board held in reset; the board then boots the
     * flashed image, and the case says so on its timeline.
     */
    @Test
    void aFlasherCommandProvisionsTheBoardUnderReset() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-probe", "provision: {strategy: recovery}",
                    "provision: {strategy: command, command: [java, -cp, rigs/reference-device/target/virtual-device.jar,"
                            + " dev.hil.refdevice.ProbeFlash, --state, " + bench.dir().resolve("flash") + ", --image, \"${image}\"]}");
            Path results = tmp.resolve("results");
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                    "--results", results.toString(), "--state", tmp.resolve("state").toString(), CLEAN, CUT);
            assertThat(r.exit()).as(r.output()).isZero();
            for (JsonNode n : AllureResults.read(results)) {
                String timeline = StandardLibraryOnVirtualRigTest.attachment(results, n, "timeline");
                assertThat(timeline).contains("flasher    java -cp").contains("probe-flash: chip erased")
                        .contains("provision  command: runs ");
                assertThat(timeline.indexOf("reset active")).as("held in reset before the flasher ran")
                        .isLessThan(timeline.indexOf("flasher    java"));
            }
        }
    }

    /**
     * {@code provision: update} on a board that already runs a newer image: a correct board refuses
     * the downgrade, so the case is a rig fault that says which strategies can do it, not a product
     * failure. The first case (from erased flash) is provisioned through recovery mode and passes.
     */
    @Test
    void theUpdateStrategyCannotDowngradeAndSaysSoAsARigFault() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-update", "provision: {strategy: recovery}",
                    "provision: {strategy: update}");
            Path results = tmp.resolve("results");
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                    "--results", results.toString(), "--state", tmp.resolve("state").toString(), CLEAN, CUT);
            assertThat(r.exit()).as(r.output()).isEqualTo(1);
            List<JsonNode> all = AllureResults.read(results);
            JsonNode first = all.stream().filter(n -> AllureResults.testCaseId(n).equals("UPD-PWR-CLEAN")).findFirst().orElseThrow();
            JsonNode second = all.stream().filter(n -> AllureResults.testCaseId(n).equals("UPD-PWR-050")).findFirst().orElseThrow();
            assertThat(first.path("status").asText()).isEqualTo("passed");
            assertThat(second.path("status").asText()).isEqualTo("broken");
            assertThat(second.toString()).contains("RIG_FAULT");
            assertThat(second.path("statusDetails").path("message").asText())
                    .contains("(update)").contains("provision: recovery or command");
        }
    }

    /** No bench at all (its GPIO tree missing): a rig fault said as such, before any case, never an internal error. */
    @Test
    void aBenchThatIsNotThereIsARigFaultBeforeAnyCase() throws Exception {
        String rig = java.nio.file.Files.readString(HilProcess.ROOT.resolve("rigs/bench-sim.yaml"))
                .replace("root: ..", "root: " + HilProcess.ROOT).replace("target/bench-sim", tmp.resolve("no-bench").toString());
        Path file = tmp.resolve("absent.yaml");
        java.nio.file.Files.writeString(file, rig);
        HilProcess.Result run = HilProcess.run(tmp.resolve("run.log"), 2, "run", "--rig", file.toString(), "--results",
                tmp.resolve("results").toString(), "--state", tmp.resolve("state").toString(), CLEAN);
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("rig fault: bench-sim (" + file + ") cannot be opened: power provider 'linuxfs'"
                + " cannot set up its pin in the GPIO tree " + tmp.resolve("no-bench/gpio")).doesNotContain("internal error")
                .doesNotContain("\tat ");
        HilProcess.Result check = HilProcess.run(tmp.resolve("check.log"), 2, "rig", "check", "--rig", file.toString(),
                "--state", tmp.resolve("state").toString());
        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("rig fault: power provider 'linuxfs' cannot set up its pin")
                .doesNotContain("internal error");
    }

    /** An external adapter: the port stays while the board is off; the link reopens it after every power-on. */
    @Test
    void aPortThatStaysUpWhileTheBoardIsOffWorksToo() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"), "--port-stays")) {
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-adapter");
            Path results = tmp.resolve("results");
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 5, "run", "--rig", rig.toString(),
                    "--results", results.toString(), "--state", tmp.resolve("state").toString(), CLEAN, CUT);
            assertThat(r.exit()).as(r.output()).isZero();
            assertThat(bench.events()).as("one port for the whole run").containsOnlyOnce("port up");
            assertThat(AllureResults.read(results)).hasSize(2)
                    .allSatisfy(n -> assertThat(n.path("status").asText()).isEqualTo("passed"));
        }
    }

    @Test
    void aSecondHarnessOnTheSameBoardExitsTwoNamingTheHolder() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-shared");
            Process first = HilProcess.start(tmp.resolve("first.log"), "run", "--rig", rig.toString(), "--results",
                    tmp.resolve("r1").toString(), "--state", tmp.resolve("s1").toString(), CLEAN, CUT, CLEAN);
            try {
                bench.await("the first harness powers the board", Duration.ofSeconds(60),
                        () -> bench.events().contains("line power 1 on"));
                // Its own state folder: only the board lock can tell the two apart.
                HilProcess.Result second = HilProcess.run(tmp.resolve("second.log"), 2, "run", "--rig", rig.toString(),
                        "--results", tmp.resolve("r2").toString(), "--state", tmp.resolve("s2").toString(), CLEAN);
                assertThat(second.exit()).as(second.output()).isEqualTo(2);
                assertThat(second.output()).containsPattern("board usb-HIL_Bench-Sim_0001-if00-port0 is in use by pid "
                        + first.pid() + " since \\d{4}-\\d\\d-\\d\\dT");
                assertThat(first.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
                assertThat(first.exitValue()).as(Files.readString(tmp.resolve("first.log"))).isZero();
            } finally {
                first.destroyForcibly();
            }
        }
    }

    @Test
    void afterASigkillMidCaseTheNextHarnessPowersTheBoardOffFirst() throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            Path rig = bench.rig(tmp, "rigs/bench-sim.yaml", "bench-killed");
            Process killed = HilProcess.start(tmp.resolve("killed.log"), "run", "--rig", rig.toString(), "--results",
                    tmp.resolve("r1").toString(), "--state", tmp.resolve("s1").toString(), CLEAN);
            bench.await("the harness starts the update", Duration.ofSeconds(60),
                    () -> bench.events().contains("boot-mode=recovery") && bench.events().contains("line boot-mode 1"));
            killed.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(killed.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // let the bench log anything still in flight before the mark
            assertThat(Files.readString(bench.gpioValue(17)).trim()).as("the killed harness left the supply on").isEqualTo("1");
            int mark = bench.eventLines().size();

            HilProcess.Result next = HilProcess.run(tmp.resolve("next.log"), 5, "rig", "check", "--rig", rig.toString(),
                    "--state", tmp.resolve("s2").toString());
            assertThat(next.exit()).as(next.output()).isZero();
            List<String> after = bench.eventLines().subList(mark, bench.eventLines().size()).stream()
                    .filter(l -> l.contains(" line ")).toList();
            assertThat(after).as("line changes after the new harness opened the board").isNotEmpty();
            assertThat(after.get(0)).as("the first thing the next harness did").contains("line power 0 off");
            assertThat(next.output()).contains("left: pid " + killed.pid());
        }
    }
}
