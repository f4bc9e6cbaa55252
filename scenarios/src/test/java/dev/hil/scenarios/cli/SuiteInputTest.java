package dev.hil.scenarios.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-file checks a run makes before any device is touched: what a scenario needs of the rig. */
class SuiteInputTest {
    private static final Path LIBRARY = Path.of("library").toAbsolutePath();

    @TempDir
    Path tmp;

    private Path rig(String phases) throws IOException {
        return Files.writeString(tmp.resolve("rig.yaml"), """
                name: bench
                root: %s
                device:
                  kind: process
                  command: [java, -jar, rigs/reference-device/target/virtual-device.jar, --state, "${state}"]
                  serial: pty
                protocol: smp
                power: {kind: pi4j, provider: mock, pin: 17, active: high}
                keys: {trust: scenarios/library/images/test-signing.pub.pem}
                budgets: {boot: 10s}
                phases:
                %s
                """.formatted(LIBRARY.getParent().getParent(), phases));
    }

    @Test
    void aSignatureCheckBudgetNeedsTheRigToMapVerifyAndVerified() throws IOException {
        Path scenario = LIBRARY.resolve("timing/signature-check-time.yaml");

        SuiteInput in = SuiteInput.load(rig("  swap: \"swap: start\"\n  verify: \"verify: start\""), List.of(scenario));

        assertThat(in.ok()).isFalse();
        assertThat(in.problems).singleElement().asString()
                .startsWith(scenario + ":17:20: signature-check: rig 'bench'")
                .contains("maps no phase 'verified'").contains("(it maps: ");
    }

    @Test
    void aRigThatMapsBothPhasesTakesTheBudget() throws IOException {
        Path scenario = LIBRARY.resolve("timing/signature-check-time.yaml");

        SuiteInput in = SuiteInput.load(rig("  verify: \"verify: start\"\n  verified: \"verify: done\""), List.of(scenario));

        assertThat(in.problems).isEmpty();
        assertThat(in.scenarios).singleElement().satisfies(s ->
                assertThat(s.then().signatureCheck().within()).hasSeconds(1));
    }
}
