package dev.hil.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hil.core.run.rig.CaseBench;
import dev.hil.core.run.rig.RecordedCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever throws while a case ends, the rig is left off and the case has a result. */
class CaseCleanupTest {
    @TempDir
    Path suite;

    @Test
    void aReleaseThatThrowsStillPowersOffAndWritesABrokenResultNamingTheCause() {
        CaseBench bench = new CaseBench(suite, Duration.ofSeconds(5))
                .fault("glitch", Map.of("release-fails", "reset pin 27 cannot be released"));
        RecordedCase recorder = new RecordedCase();

        assertThatCode(() -> bench.run(recorder)).doesNotThrowAnyException();

        assertThat(bench.rig.supply().isOn()).isFalse();
        assertThat(bench.rig.supply().switched()).last().isEqualTo(false);
        assertThat(bench.rig.memoryLog().listeners()).isZero();
        assertThat(recorder.finishedCalls).isEqualTo(1);
        assertThat(recorder.status).isEqualTo(Status.BROKEN);
        assertThat(recorder.code).isEqualTo(FailureCode.CLEANUP_FAILED);
        assertThat(recorder.message).contains("reset pin 27 cannot be released");
    }

    @Test
    void theNextCaseOnTheSameRigRunsAfterACleanupFailure() {
        CaseBench bench = new CaseBench(suite, Duration.ofSeconds(5))
                .fault("glitch", Map.of("release-fails", "reset pin 27 cannot be released"));
        bench.run(new RecordedCase());
        bench.faults.clear();
        bench.fault("glitch", Map.of());
        RecordedCase next = new RecordedCase();

        Outcome outcome = bench.run(next);

        assertThat(outcome.status()).as(next.message).isEqualTo(Status.PASSED);
        assertThat(next.finishedCalls).isEqualTo(1);
        assertThat(bench.rig.supply().isOn()).isFalse();
    }
}
