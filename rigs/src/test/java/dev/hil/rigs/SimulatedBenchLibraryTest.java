package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power, link and security library on the simulated bench through the serial board kind only:
 * Pi4J's linuxfs provider on the bench's GPIO folder, then the relay-CLI command driver. Every case
 * is provisioned through the bootloader's serial recovery (boot-mode line held across a reset), and
 * the reset fault pulses the bench's reset line.
 */
class SimulatedBenchLibraryTest {
    static final List<String> FAMILIES = List.of("scenarios/library/power", "scenarios/library/link",
            "scenarios/library/security");

    @TempDir
    Path tmp;

    @Test
    void libraryPassesThroughTheLinuxfsDriver() throws Exception {
        libraryPasses("rigs/bench-sim.yaml", "bench-linuxfs", "linuxfs");
    }

    @Test
    void libraryPassesThroughTheCommandDriver() throws Exception {
        libraryPasses("rigs/bench-sim-command.yaml", "bench-command", "bench-relay");
    }

    /**
     * The supply through a real pdudaemon (as LAVA labs switch PDUs), reset and boot-mode through
     * the relay CLI: the power family passes. pdudaemon queues requests, so the rig settles 300 ms.
     */
    @Test
    void powerFamilyPassesThroughPdudaemon() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Pdudaemon.BINARY),
                "pdudaemon is not installed (Debian package pdudaemon; scripts/setup-debian.sh installs it)");
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"));
             Pdudaemon pdu = Pdudaemon.start(tmp, bench)) {
            String commandRig = java.nio.file.Files.readString(HilProcess.ROOT.resolve("rigs/bench-sim-command.yaml"));
            String lines = commandRig.substring(commandRig.indexOf("  reset:\n"), commandRig.indexOf("safe-state:"))
                    .replace("target/bench-sim", bench.dir().toString());
            Path rig = bench.rigWithPower(tmp, "rigs/bench-sim.yaml", "bench-pdudaemon", "power:\n  kind: pdudaemon\n"
                    + "  host: 127.0.0.1\n  port: " + pdu.port() + "\n  pdu: bench-pdu\n  outlet: 17\n  settle: 300ms\n" + lines);
            Path results = tmp.resolve("results");
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 20, "run", "--rig", rig.toString(), "--results",
                    results.toString(), "--state", tmp.resolve("state").toString(), "scenarios/library/power");
            assertThat(r.exit()).as(r.output()).isZero();
            List<JsonNode> all = AllureResults.read(results);
            assertThat(all).hasSizeGreaterThan(15)
                    .allSatisfy(n -> assertThat(n.path("status").asText()).as(n.path("name").asText()).isEqualTo("passed"));
            assertThat(StandardLibraryOnVirtualRigTest.attachment(results, all.get(0), "timeline"))
                    .contains("supply active via outlet 17 of bench-pdu (pdudaemon 127.0.0.1:" + pdu.port() + ")");
            assertThat(java.nio.file.Files.readString(tmp.resolve("pdudaemon.log"))).contains("bench-pdu");
        }
    }

    private void libraryPasses(String rigFile, String name, String driverSeen) throws Exception {
        try (BenchSim bench = BenchSim.start(tmp.resolve("bench"))) {
            Path rig = bench.rig(tmp, rigFile, name);
            Path results = tmp.resolve("results");
            List<String> args = new java.util.ArrayList<>(List.of("run", "--rig", rig.toString(), "--results",
                    results.toString(), "--state", tmp.resolve("state").toString(), "--seed", "5"));
            args.addAll(FAMILIES);
            HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 20, args.toArray(String[]::new));
            assertThat(r.exit()).as(r.output()).isZero();
            List<JsonNode> all = AllureResults.read(results);
            assertThat(all).hasSizeGreaterThan(30)
                    .allSatisfy(n -> assertThat(n.path("status").asText()).as(n.path("name").asText()).isEqualTo("passed"));
            for (JsonNode result : all) {
                String timeline = StandardLibraryOnVirtualRigTest.attachment(results, result, "timeline");
                assertThat(timeline).as("provisioned through serial recovery")
                        .contains("provision  recovery: runs ").contains("boot-mode active via")
                        .contains(driverSeen);
                assertThat(timeline).as("the port came back after power-on").containsPattern("port .* back as /dev/pts/\\d+");
            }
            JsonNode reset = all.stream().filter(n -> AllureResults.testCaseId(n).equals("UPD-PWR-RESET-SWAP"))
                    .findFirst().orElseThrow();
            assertThat(StandardLibraryOnVirtualRigTest.attachment(results, reset, "timeline"))
                    .containsPattern("fault .*reset");
            // The bench itself saw every line the harness drove: supply, reset and boot-mode.
            assertThat(bench.events()).contains("line power 1 on", "line power 0 off", "line reset 0 held",
                    "line boot-mode 0 held", "device start pid=").contains("boot-mode=recovery");
        }
    }
}
