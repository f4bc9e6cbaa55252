package dev.hil.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.run.ForwardingRecorder;
import org.junit.jupiter.api.Test;

/** The abort path wraps every case's recorder; it must forward everything (see ForwardingRecorderTest). */
class AbortGuardRecorderTest {
    @Test
    void theAbortGuardsRecorderIsAForwardingOne() {
        assertThat(ForwardingRecorder.class).isAssignableFrom(AbortGuard.FinishOnce.class);
    }
}
