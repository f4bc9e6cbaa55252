package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.rig.ProvisionSpec;
import dev.hil.core.run.rig.CaseBench;
import dev.hil.core.run.rig.RecordedCase;
import dev.hil.core.timeline.TimelineEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a case brings a real board to its given image: never by erasing it, and a strategy that
 * cannot get there is the rig's fault, said with what would work, not the product's failure.
 */
class ProvisioningStrategiesTest {
    @TempDir
    Path suite;
    CaseBench bench;

    @BeforeEach
    void bench() {
        bench = new CaseBench(suite, Duration.ofMillis(500));
        bench.rig.provisionedBy(ProvisionSpec.UPDATE);
    }

    private List<TimelineEvent.Provisioned> provisioned(RecordedCase r) {
        return r.timeline.events().stream().map(e -> e.what()).filter(TimelineEvent.Provisioned.class::isInstance)
                .map(TimelineEvent.Provisioned.class::cast).toList();
    }

    @Test
    void theUpdateStrategyTakesAnErasedBoardThroughRecoveryAndNeverErases() {
        RecordedCase first = new RecordedCase();
        Outcome outcome = bench.runToTheEnd(first);

        assertThat(outcome.status()).as(first.message).isEqualTo(Status.PASSED);
        assertThat(provisioned(first)).extracting(TimelineEvent.Provisioned::strategy).containsExactly("update");
        assertThat(provisioned(first).get(0).result()).startsWith("runs ");
        assertThat(first.timeline.render()).contains("no active image (recovery mode): uploading")
                .doesNotContain("flash erased");
    }

    @Test
    void theUpdateStrategyCannotDowngradeABoardOnANewerImage() {
        bench.runToTheEnd(new RecordedCase()); // ends on the update image, confirmed
        RecordedCase second = new RecordedCase();

        Outcome outcome = bench.runToTheEnd(second);

        assertThat(outcome.status()).isEqualTo(Status.BROKEN);
        assertThat(outcome.code()).isEqualTo(FailureCode.RIG_FAULT);
        assertThat(second.message).contains("(update)").contains("newer than the given image")
                .contains("provision: recovery or command");
        assertThat(provisioned(second)).singleElement().satisfies(p -> assertThat(p.result()).startsWith("failed: "));
    }

    @Test
    void theEraseStrategyOfALaunchedDeviceStillErasesFirst() {
        bench.rig.provisionedBy(ProvisionSpec.ERASE);
        bench.runToTheEnd(new RecordedCase());
        RecordedCase second = new RecordedCase();

        assertThat(bench.runToTheEnd(second).status()).as(second.message).isEqualTo(Status.PASSED);
        assertThat(provisioned(second)).extracting(TimelineEvent.Provisioned::strategy).containsExactly("erase");
    }
}
