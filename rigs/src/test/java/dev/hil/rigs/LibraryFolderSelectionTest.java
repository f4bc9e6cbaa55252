package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's own commands over the whole library folder: the virtual rig runs what it can carry and
 * lists the scenarios that wait for U-Boot phases as skipped, with the reason; none is bad input.
 */
class LibraryFolderSelectionTest {
    private static final List<String> NEED_UBOOT_PHASES = List.of("UPD-UBOOT-PWR-SLOT-WRITTEN", "UPD-UBOOT-PWR-SLOT-WRITE",
            "UPD-UBOOT-PWR-STATE-WRITE", "UPD-UBOOT-PWR-TRIAL");

    @TempDir
    Path tmp;

    @Test
    void validateOverTheWholeLibraryOnTheVirtualRigExitsZeroAndListsTheSkipped() throws Exception {
        HilProcess.Result r = HilProcess.run(tmp.resolve("validate.log"), 2, "validate", "--rig", "rigs/virtual.yaml",
                "scenarios/library");
        assertThat(r.exit()).as(r.output()).isZero();
        for (String id : NEED_UBOOT_PHASES) {
            assertThat(r.output()).containsPattern("skipped: " + id + " \\(.*/uboot/.*maps no phase");
        }
        assertThat(r.output()).contains("4 file(s) skipped: the rig cannot run them");
    }

    @Test
    void runOverTheUbootFolderOnTheVirtualRigSkipsWhatItCannotCarryAndPassesTheRest() throws Exception {
        Path results = tmp.resolve("results");
        HilProcess.Result r = HilProcess.run(tmp.resolve("run.log"), 10, "run", "--rig", "rigs/virtual.yaml",
                "--results", results.toString(), "--state", tmp.resolve("state").toString(), "scenarios/library/uboot");
        assertThat(r.exit()).as(r.output()).isZero();
        for (String id : NEED_UBOOT_PHASES) {
            assertThat(r.output()).containsPattern(id + ": .*SKIPPED: rig cannot run it: .*maps no phase");
        }
        assertThat(r.output()).contains("skipped");
        List<JsonNode> all = AllureResults.read(results);
        assertThat(all).isNotEmpty().allSatisfy(res -> {
            assertThat(NEED_UBOOT_PHASES).doesNotContain(AllureResults.testCaseId(res));
            assertThat(res.path("status").asText()).isEqualTo("passed");
        });
    }
}
