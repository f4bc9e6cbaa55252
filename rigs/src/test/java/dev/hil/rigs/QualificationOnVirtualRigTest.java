package dev.hil.rigs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hil.refdevice.Defect;
import dev.hil.scenarios.qualify.ExpectedCatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool qualification on the reference device, in full: the virtual library on the correct device
 * (no false alarm) and once per defect flag (every value of the device's Defect enum must be caught
 * by the scenario ExpectedCatches names, with the failure message it names). A new flag without a
 * catching scenario fails this test. The qualification bundle must verify.
 */
class QualificationOnVirtualRigTest {
    @TempDir
    Path tmp;

    @Test
    void qualifyPassesCatchesEveryDefectModeAndSealsItsEvidence() throws Exception {
        Path out = tmp.resolve("qualification");
        HilProcess.Result r = HilProcess.run(tmp.resolve("qualify.log"), 45, "qualify", "--out", out.toString(),
                "--state", tmp.resolve("state").toString());
        assertThat(r.exit()).as(r.output()).isZero();

        JsonNode report = new ObjectMapper().readTree(out.resolve("qualification.json").toFile());
        assertThat(report.path("qualified").asBoolean()).isTrue();
        List<String> modes = new ArrayList<>();
        report.path("modes").forEach(m -> {
            modes.add(m.path("mode").asText());
            assertThat(m.path("met").asBoolean()).as(m.toString()).isTrue();
        });
        assertThat(modes).contains("correct");
        for (Defect d : Defect.values()) {
            assertThat(modes).as("qualification runs defect mode %s", d.flag()).contains("defect-" + d.flag());
            JsonNode mode = find(report, "defect-" + d.flag());
            assertThat(ExpectedCatches.of(d)).as("expected catch for %s", d.flag()).isPresent();
            assertThat(mode.path("caughtBy").asText()).isEqualTo(ExpectedCatches.of(d).get().scenario());
            assertThat(mode.path("failureCode").asText()).isEqualTo(ExpectedCatches.of(d).get().code().name());
        }

        HilProcess.Result verify = HilProcess.run(tmp.resolve("verify.log"), 5, "evidence", "verify", out.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
    }

    private static JsonNode find(JsonNode report, String mode) {
        for (JsonNode m : report.path("modes")) {
            if (mode.equals(m.path("mode").asText())) {
                return m;
            }
        }
        throw new AssertionError("no mode " + mode + " in " + report);
    }
}
