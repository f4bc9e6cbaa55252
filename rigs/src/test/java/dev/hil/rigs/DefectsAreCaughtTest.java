package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each seeded bug of the reference device makes a library scenario fail, and the failure names
 * the property the device broke. The whole library runs, so a scenario that stopped catching its
 * bug (or a false alarm elsewhere) shows.
 */
class DefectsAreCaughtTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource({
            "confirm-before-verify, UPD-PWR-CONFIRM, not among expected images",
            "no-swap-status,        UPD-PWR-SWAP-HALF, the device answers but did not get there",
            "accept-unsigned,       UPD-SEC-UNSIGNED, update was not rejected",
            "accept-downgrade,      UPD-SEC-DOWNGRADE, update was not rejected",
    })
    void defectFailsTheScenarioThatStatesItsProperty(String defect, String catcher, String property) throws Exception {
        Path rig = HilProcess.virtualRigVariant(tmp, "virtual-" + defect, "--defect", defect);
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 20, "run", "--rig", rig.toString(),
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), "scenarios/library");
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        List<JsonNode> all = AllureResults.read(results);
        JsonNode caught = all.stream().filter(n -> AllureResults.testCaseId(n).equals(catcher)).findFirst().orElseThrow();
        assertThat(caught.path("status").asText()).as(r.output()).isEqualTo("failed");
        assertThat(caught.path("statusDetails").path("message").asText()).contains(property);
    }
}
