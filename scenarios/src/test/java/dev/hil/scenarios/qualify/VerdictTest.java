package dev.hil.scenarios.qualify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.refdevice.Defect;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The qualification judgment on synthetic run results: every way a mode can meet or miss its expectation. */
class VerdictTest {
    private static final CaseOutcome CLEAN = new CaseOutcome("UPD-PWR-CLEAN", "passed", "", "");
    private static final CaseOutcome UNSIGNED_PASSED = new CaseOutcome("UPD-SEC-UNSIGNED", "passed", "", "");
    private static final CaseOutcome UNSIGNED_CAUGHT = new CaseOutcome("UPD-SEC-UNSIGNED", "failed",
            "NOT_REJECTED", "the update was not rejected: slot 0 runs app 1.1.0");

    @Test
    void everyDefectOfTheDeviceHasAnExpectedCatcher() {
        assertThat(ExpectedCatches.all().keySet()).containsExactlyInAnyOrder(Defect.values());
    }

    @Test
    void correctDeviceWithEveryCasePassedIsNoFalseAlarm() {
        Verdict v = Verdict.of(new ModeRun(DeviceMode.CORRECT, 0, List.of(CLEAN, UNSIGNED_PASSED)));
        assertThat(v.met()).isTrue();
        assertThat(v.actual()).isEqualTo("no false alarm (2 cases passed)");
        assertThat(v.notPassed()).isEmpty();
    }

    @Test
    void aFailureOnTheCorrectDeviceIsAFalseAlarmNamedWithItsMessage() {
        CaseOutcome alarm = new CaseOutcome("UPD-PWR-CUT-050", "failed", "NO_ANSWER",
                "did not recover within the 30 s budget");
        Verdict v = Verdict.of(new ModeRun(DeviceMode.CORRECT, 1, List.of(CLEAN, alarm)));
        assertThat(v.met()).isFalse();
        assertThat(v.actual()).contains("1 false alarm(s)", "UPD-PWR-CUT-050 failed", "30 s budget");
        assertThat(v.notPassed()).containsExactly(alarm);
    }

    @Test
    void aBrokenCaseOnTheCorrectDeviceIsAlsoAFalseAlarm() {
        CaseOutcome broken = new CaseOutcome("UPD-PWR-CLEAN", "broken", "RIG_FAULT", "pty closed");
        assertThat(Verdict.of(new ModeRun(DeviceMode.CORRECT, 1, List.of(broken))).met()).isFalse();
    }

    @Test
    void aRunWithoutResultsOrWithABadExitProvesNothing() {
        assertThat(Verdict.of(new ModeRun(DeviceMode.CORRECT, 0, List.of())).met()).isFalse();
        Verdict badExit = Verdict.of(new ModeRun(DeviceMode.CORRECT, 3, List.of(CLEAN)));
        assertThat(badExit.met()).isFalse();
        assertThat(badExit.actual()).contains("exited 3");
    }

    @Test
    void aDefectFailingItsExpectedScenarioWithItsCodeIsCaught() {
        Verdict v = Verdict.of(new ModeRun(DeviceMode.with(Defect.ACCEPT_UNSIGNED), 1, List.of(CLEAN, UNSIGNED_CAUGHT)));
        assertThat(v.met()).isTrue();
        assertThat(v.expected()).isEqualTo("caught by UPD-SEC-UNSIGNED (failure code NOT_REJECTED)");
        assertThat(v.catcher()).contains(UNSIGNED_CAUGHT);
        assertThat(v.actual()).startsWith("caught by UPD-SEC-UNSIGNED: NOT_REJECTED the update was not rejected");
    }

    @Test
    void anotherScenarioFailingInsteadIsNotTheExpectedCatch() {
        CaseOutcome other = new CaseOutcome("UPD-PWR-CLEAN", "failed", "DEVICE_REFUSED", "no image with hash 12ab");
        Verdict v = Verdict.of(new ModeRun(DeviceMode.with(Defect.ACCEPT_UNSIGNED), 1, List.of(other, UNSIGNED_PASSED)));
        assertThat(v.met()).isFalse();
        assertThat(v.catcher()).isEmpty();
        assertThat(v.actual()).contains("not caught: UPD-SEC-UNSIGNED passed", "UPD-PWR-CLEAN failed (DEVICE_REFUSED no image with hash 12ab)");
    }

    @Test
    void theExpectedScenarioFailingForAnotherReasonOrBrokenIsNotCaught() {
        CaseOutcome otherCode = new CaseOutcome("UPD-SEC-UNSIGNED", "failed", "NO_ANSWER",
                "did not recover within the 10 s budget");
        // The words alone do not make a catch: the code does.
        CaseOutcome rightWordsOtherCode = new CaseOutcome("UPD-SEC-UNSIGNED", "failed", "WRONG_IMAGE",
                "update was not rejected");
        CaseOutcome broken = new CaseOutcome("UPD-SEC-UNSIGNED", "broken", "HARNESS_ERROR", "update was not rejected");
        DeviceMode mode = DeviceMode.with(Defect.ACCEPT_UNSIGNED);
        assertThat(Verdict.of(new ModeRun(mode, 1, List.of(otherCode))).met()).isFalse();
        assertThat(Verdict.of(new ModeRun(mode, 1, List.of(rightWordsOtherCode))).met()).isFalse();
        assertThat(Verdict.of(new ModeRun(mode, 1, List.of(broken))).met()).isFalse();
    }

    @Test
    void theExpectedScenarioMissingFromTheResultsIsNotCaught() {
        Verdict v = Verdict.of(new ModeRun(DeviceMode.with(Defect.NO_REVERT), 0, List.of(CLEAN, UNSIGNED_PASSED)));
        assertThat(v.met()).isFalse();
        assertThat(v.actual()).isEqualTo("not caught: no result for UPD-PWR-CONFIRM (hil run exit 0); no scenario failed");
    }

    @Test
    void aCatchInARunThatEndedInBadInputOrAnInternalErrorDoesNotCount() {
        Verdict v = Verdict.of(new ModeRun(DeviceMode.with(Defect.ACCEPT_UNSIGNED), 3, List.of(UNSIGNED_CAUGHT)));
        assertThat(v.met()).isFalse();
        assertThat(v.actual()).contains("exited 3");
    }

    @Test
    void modesAreNamedForTheirResultsFolders() {
        assertThat(DeviceMode.CORRECT.name()).isEqualTo("correct");
        assertThat(Arrays.stream(Defect.values()).map(d -> DeviceMode.with(d).name()))
                .contains("defect-no-crc-check", "defect-accept-unsigned").doesNotHaveDuplicates();
    }
}
