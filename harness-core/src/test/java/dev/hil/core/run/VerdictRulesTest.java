package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.run.rig.CaseBench;
import dev.hil.core.run.rig.RecordedCase;
import dev.hil.core.scenario.ImageRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the device comes back on against what the scenario allows ({@code recovers-to}, {@code rejected},
 * {@code verified}): one test per rule, on the in-memory rig, each with its failure code.
 */
class VerdictRulesTest {
    @TempDir
    Path suite;
    CaseBench bench;
    RecordedCase result;

    @BeforeEach
    void bench() {
        bench = new CaseBench(suite, Duration.ofMillis(500));
        result = new RecordedCase();
    }

    private Outcome run() {
        return bench.runToTheEnd(result);
    }

    private boolean trusted(FirmwareImage image) {
        return bench.rig.trust().verify(image).valid();
    }

    @Test
    void aCleanUpdateThatRunsTheUpdatePassesAndLandsOnTheUpdate() {
        bench.verified = true;

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(outcome.code()).isNull();
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.UPDATE);
    }

    @Test
    void recoversToGivenFailsWithWrongImageWhenTheDeviceRunsTheUpdate() {
        bench.recoversTo = Set.of(ImageRole.GIVEN);

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.WRONG_IMAGE);
        assertThat(outcome.message()).contains("not among expected images [given app-1.0.0.signed " + bench.given.hashHex())
                .contains("it is the update image app-1.1.0.signed");
    }

    @Test
    void recoversToUpdateFailsWithWrongImageWhenTheDeviceKeepsTheGivenImage() {
        bench.recoversTo = Set.of(ImageRole.UPDATE);
        bench.rig.memoryDevice().bootAccepts(image -> false);

        Outcome outcome = run();

        assertThat(outcome.code()).isEqualTo(FailureCode.WRONG_IMAGE);
        assertThat(outcome.message()).contains("[update app-1.1.0.signed").contains("it is the given image");
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.GIVEN);
    }

    @Test
    void recoversToAnyOfGivenAndUpdatePassesOnTheGivenImageAfterABootRejection() {
        bench.recoversTo = Set.of(ImageRole.GIVEN, ImageRole.UPDATE);
        bench.rig.memoryDevice().bootAccepts(image -> false);

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.GIVEN);
    }

    @Test
    void rejectedPassesWhenTheDeviceRefusesAForeignImageAtBoot() {
        bench.rejected = true;
        bench.updateFile = suite.resolve("app-1.1.0.foreign");
        bench.rig.memoryDevice().bootAccepts(this::trusted);

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.GIVEN);
    }

    @Test
    void rejectedFailsWithNotRejectedWhenTheDeviceBootsTheForeignImage() {
        bench.rejected = true;
        bench.updateFile = suite.resolve("app-1.1.0.foreign");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.NOT_REJECTED);
        assertThat(outcome.message()).startsWith("update was not rejected: ");
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.UPDATE);
    }

    @Test
    void rejectedPassesWhenTheDeviceRefusesTheUpdateInTheProtocol() {
        bench.rejected = true;
        bench.rig.memoryDevice().refusesUpdates("rc 8: image not accepted");

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.GIVEN);
    }

    @Test
    void aRefusalInTheProtocolOfAnUpdateThatShouldGoThroughFailsWithDeviceRefused() {
        bench.rig.memoryDevice().refusesUpdates("rc 8: image not accepted");

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.DEVICE_REFUSED);
        assertThat(outcome.message()).contains("update failed with no fault injected").contains("rc 8");
    }

    @Test
    void verifiedFailsWithSignatureInvalidWhenTheRunningImageFailsTheHarnessCheck() {
        bench.verified = true;
        bench.recoversTo = Set.of(ImageRole.UPDATE);
        bench.updateFile = suite.resolve("app-1.1.0.foreign"); // a device that accepts any image boots it

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.SIGNATURE_INVALID);
        assertThat(outcome.message()).contains("app-1.1.0.foreign").contains("fails the harness's own check");
    }

    @Test
    void withoutVerifiedTheSameForeignImageIsOnlyJudgedByHash() {
        bench.recoversTo = Set.of(ImageRole.UPDATE);
        bench.updateFile = suite.resolve("app-1.1.0.foreign");

        assertThat(run().status()).as(result.message).isEqualTo(Status.PASSED);
    }

    @Test
    void aDeviceThatProvisionsAnotherImageFailsWithProvisioningFailed() {
        bench.rig.memoryDevice().provisionsInstead(bench.update);

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.PROVISIONING_FAILED);
        assertThat(outcome.message()).contains("instead of the given image app-1.0.0.signed");
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.NOT_REACHED);
    }

    @Test
    void aDeviceThatRefusesTheProvisioningUploadFailsProvisioningNotTheHarness() {
        bench.rig.memoryDevice().refusesUploads("rc 3: flash busy");

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.PROVISIONING_FAILED);
        assertThat(outcome.message()).contains("rc 3: flash busy");
    }

    @Test
    void aFaultThatNeverFiresFailsTheCaseRatherThanPassingUntested() {
        bench.fault("never", Map.of());

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.FAULT_NEVER_FIRED);
        assertThat(outcome.message()).contains("never at never never fired");
    }

    @Test
    void anUnreadableUpdateImageIsBadInputAndTheDeviceIsNeverPowered() throws Exception {
        bench.updateFile = suite.resolve("garbage.signed");
        java.nio.file.Files.write(bench.updateFile, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.BROKEN);
        assertThat(outcome.code()).isEqualTo(FailureCode.BAD_INPUT);
        assertThat(outcome.message()).contains("cannot read update image");
        assertThat(bench.rig.supply().switched()).doesNotContain(true);
    }
}
