package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.run.rig.CaseBench;
import dev.hil.core.run.rig.RecordedCase;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import dev.hil.core.timeline.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets told apart: silence (no answer) from an answer without an image (a brick) from a slow
 * image check (an overrun), and a recovery counted from the end of the fault. The durations are
 * small budgets for the rules, never assertions on how long anything took.
 */
class BudgetRulesTest {
    @TempDir
    Path suite;
    CaseBench bench;
    RecordedCase result;

    @BeforeEach
    void bench() {
        bench = new CaseBench(suite, Duration.ofMillis(400));
        result = new RecordedCase();
    }

    private Outcome run() {
        return bench.runToTheEnd(result);
    }

    private Scenario.TimeBudget checkWithin(Duration d) {
        return new Scenario.TimeBudget(d, new SourceMark(suite.resolve("case.yaml"), 14, 3));
    }

    @Test
    void aSilentDeviceFailsWithNoAnswerWithinTheBudget() {
        bench.rig.memoryDevice().silent();

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.NO_ANSWER);
        assertThat(outcome.message()).contains("no answer within the budget of");
    }

    @Test
    void aDeviceThatAnswersWithoutAnActiveImageFailsWithNoActiveImageNotNoAnswer() {
        bench.rig.memoryDevice().bricksOnUpdateBoot();

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.NO_ACTIVE_IMAGE);
        assertThat(outcome.message()).contains("the device answers but did not get there");
    }

    @Test
    void aPowerCutMidUploadRecoversOnTheGivenImageWithinTheBudgetFromPowerBack() {
        bench.fault("cut", Map.of("byte", 1000, "off-ms", 50));
        bench.within = Duration.ofSeconds(2);

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.GIVEN);
        assertThat(result.recovery.budget()).isEqualTo(Duration.ofSeconds(2));
        assertThat(result.timeline.events()).anyMatch(e -> e.what() instanceof TimelineEvent.FaultFired f
                && f.imageByte().orElse(-1) == 1000);
    }

    @Test
    void aDeviceThatAnswersWithoutAnImageAfterAPowerCutLandsOnNoActiveImage() {
        bench.fault("cut", Map.of("byte", 1000, "off-ms", 50));
        bench.rig.memoryDevice().bricksOnCutDuringUpload();

        Outcome outcome = run();

        assertThat(outcome.code()).isEqualTo(FailureCode.NO_ACTIVE_IMAGE);
        assertThat(outcome.message()).contains("device back on an image").contains("empty image list (recovery mode)");
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.NO_ACTIVE_IMAGE);
    }

    @Test
    void aDeviceSilentAfterAPowerCutLandsOnNoAnswer() {
        bench.fault("cut", Map.of("byte", 1000, "off-ms", 50));
        bench.rig.memoryDevice().silentAfterCutDuringUpload();

        Outcome outcome = run();

        assertThat(outcome.code()).isEqualTo(FailureCode.NO_ANSWER);
        assertThat(outcome.message()).contains("device back on an image").contains("no answer within the budget");
        assertThat(result.recovery.landing()).isEqualTo(Recovery.Landing.NO_ANSWER);
    }

    @Test
    void anImageCheckOverItsBudgetFailsWithBudgetOverrun() {
        bench.rig.memoryDevice().checkTakes(Duration.ofMillis(300));
        bench.signatureCheck = checkWithin(Duration.ofMillis(20));

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.BUDGET_OVERRUN);
        assertThat(outcome.message()).contains("over the budget of").contains("verify: start slot 1");
    }

    @Test
    void anImageCheckWithinItsBudgetPassesAndIsOnTheTimeline() {
        bench.signatureCheck = checkWithin(Duration.ofSeconds(5));

        Outcome outcome = run();

        assertThat(outcome.status()).as(result.message).isEqualTo(Status.PASSED);
        assertThat(result.timeline.events()).anyMatch(e -> e.what() instanceof TimelineEvent.SignatureChecked);
    }

    @Test
    void noImageCheckInTheLogFailsWithCheckNotSeenRatherThanPassing() {
        bench.rejected = true;
        bench.rig.memoryDevice().refusesUpdates("rc 8: image not accepted"); // never staged, never checked
        bench.signatureCheck = checkWithin(Duration.ofSeconds(5));

        Outcome outcome = run();

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.code()).isEqualTo(FailureCode.CHECK_NOT_SEEN);
        assertThat(outcome.message()).contains("no image check seen");
    }
}
