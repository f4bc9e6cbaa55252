package dev.hil.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run checks before any device is touched: above all, what each scenario needs of the rig. */
class SuitePreflightTest {
    private static final Path LIBRARY = Path.of("library").toAbsolutePath();
    private static final Path PROJECT = LIBRARY.getParent().getParent();

    @TempDir
    Path tmp;

    private Path rig(String power, String phases) throws IOException {
        return Files.writeString(tmp.resolve("rig.yaml"), """
                name: bench
                root: %s
                device:
                  kind: process
                  command: [java, -jar, device-drivers/target/virtual-device.jar, --state, "${state}"]
                  serial: pty
                protocol: smp
                power: %s
                keys: {trust: scenarios/library/images/test-signing.pub.pem}
                budgets: {boot: 10s}
                phases:
                %s
                """.formatted(PROJECT, power, phases));
    }

    private Path rigWithPhases(String phases) throws IOException {
        return rig("{kind: pi4j, provider: mock, pin: 17, active: high}", phases);
    }

    @Test
    void aSignatureCheckBudgetNeedsTheRigToMapVerifyAndVerified() throws IOException {
        Path scenario = LIBRARY.resolve("timing/signature-check-time.yaml");

        SuitePreflight in = SuitePreflight.check(Optional.of(rigWithPhases("  swap: \"swap: start\"\n  verify: \"verify: start\"")),
                List.of(scenario));

        assertThat(in.ok()).isFalse();
        assertThat(in.messages()).singleElement().asString()
                .startsWith(scenario + ":17:20: signature-check: rig 'bench'")
                .contains("maps no phase 'verified'").contains("(it maps: ");
        assertThat(in.units()).isEmpty();
    }

    @Test
    void aRigThatMapsBothPhasesTakesTheBudget() throws IOException {
        Path scenario = LIBRARY.resolve("timing/signature-check-time.yaml");

        SuitePreflight in = SuitePreflight.check(Optional.of(rigWithPhases("  verify: \"verify: start\"\n  verified: \"verify: done\"")),
                List.of(scenario));

        assertThat(in.messages()).isEmpty();
        assertThat(in.units()).singleElement().satisfies(u ->
                assertThat(u.loaded().cases().get(0).then().signatureCheck().within()).hasSeconds(1));
    }

    @Test
    void aResetFaultNamedExplicitlyOnARigWithoutResetLineIsBadInputAtTheFaultsLine() throws IOException {
        Path scenario = LIBRARY.resolve("power/reset-at-050-percent.yaml");

        SuitePreflight in = SuitePreflight.check(Optional.of(rigWithPhases("  swap: \"swap: start\"")), List.of(scenario));

        assertThat(in.messages()).singleElement().asString()
                .startsWith(scenario + ":11:5: reset: rig 'bench'").contains("has no reset line");
        assertThat(in.skipped()).isEmpty();
    }

    @Test
    void theSameScenarioFoundInAFolderIsSkippedWithTheReasonAndTheRestRuns() throws IOException {
        Path rig = rigWithPhases("  swap: \"swap: start\"\n  swap-half: \"swap: progress 50%\"\n  boot: \"boot: slot\"\n"
                + "  confirm: \"image confirmed\"\n  flash-write: \"flash: (write|erase) sector\"");

        SuitePreflight in = SuitePreflight.check(Optional.of(rig), List.of(LIBRARY.resolve("power")));

        assertThat(in.messages()).isEmpty();
        assertThat(in.skipped()).extracting(SuitePreflight.Skipped::id)
                .containsExactlyInAnyOrder("UPD-PWR-RESET-050", "UPD-PWR-RESET-SWAP");
        assertThat(in.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("has no reset line"));
        assertThat(in.units()).extracting(u -> u.file().getFileName().toString())
                .contains("clean-update.yaml", "cut-during-swap.yaml").doesNotContain("reset-at-050-percent.yaml");
    }

    @Test
    void theVirtualRigSkipsTheUbootScenariosThatWaitForUbootPhasesAndValidatesTheWholeLibrary() {
        SuitePreflight in = SuitePreflight.check(Optional.of(PROJECT.resolve("rigs/virtual.yaml")), List.of(LIBRARY));

        assertThat(in.messages()).isEmpty();
        assertThat(in.skipped()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.file().getParent().getFileName()).hasToString("uboot");
            assertThat(s.reason()).contains("maps no phase");
        });
        assertThat(in.units()).anySatisfy(u -> assertThat(u.file().getParent().getFileName()).hasToString("power"));
    }

    @Test
    void withoutARigOnlyTheFilesAreChecked() {
        SuitePreflight in = SuitePreflight.check(Optional.empty(), List.of(LIBRARY.resolve("uboot")));

        assertThat(in.messages()).isEmpty();
        assertThat(in.skipped()).isEmpty();
        assertThat(in.rig()).isEmpty();
    }

    @Test
    void aTherapyStateNeedsAProtocolThatCanSetItSoTheUbootRigSkipsTheTherapyScenarios() {
        SuitePreflight in = SuitePreflight.check(Optional.of(PROJECT.resolve("rigs/qemu-uboot.yaml")),
                List.of(LIBRARY.resolve("timing")));

        assertThat(in.messages()).isEmpty();
        assertThat(in.skipped()).extracting(SuitePreflight.Skipped::id)
                .contains("UPD-TIM-THERAPY", "UPD-TIM-THERAPY-AUTHORIZED");
        assertThat(in.skipped()).filteredOn(s -> s.id().equals("UPD-TIM-THERAPY")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("therapy-active.yaml:8:10: given.state: rig 'qemu-uboot'")
                        .contains("speaks protocol 'uboot', which can neither set device state nor authorize an update"));
    }
}
