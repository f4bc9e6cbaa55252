package dev.hil.drivers.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scheduling policy of a real thread, read back from the kernel, around a raise. */
class CutPriorityTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    /** Fields of /proc/thread-self/stat after the command name: [16] nice, [38] policy (proc(5), 1-based 19 and 41). */
    private static String[] statOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static int policy() throws Exception {
        return Integer.parseInt(statOfThisThread()[38]);
    }

    private static int nice() throws Exception {
        return Integer.parseInt(statOfThisThread()[16]);
    }

    @Test
    void raiseRunsTheThreadAtRealTimePriorityAndLowerGivesBackItsPolicyAndNice() throws Exception {
        CutPriority.probe();
        int niceBefore = nice();
        assertThat(policy()).isEqualTo(SCHED_OTHER);

        boolean raised = CutPriority.raise();
        try {
            if (CutPriority.refusal().isPresent()) {
                // Without the privilege the kill runs at normal priority, and says why.
                assertThat(raised).isFalse();
                assertThat(policy()).isEqualTo(SCHED_OTHER);
                assertThat(CutPriority.refusal().orElseThrow()).contains("sched_setscheduler");
                return;
            }
            assertThat(raised).isTrue();
            assertThat(policy()).isEqualTo(SCHED_FIFO);

            boolean nested = CutPriority.raise(); // power-off reaching the kill: left to the outer raise
            assertThat(nested).isFalse();
            CutPriority.lower(nested);
            assertThat(policy()).isEqualTo(SCHED_FIFO);
        } finally {
            CutPriority.lower(raised);
        }
        assertThat(policy()).isEqualTo(SCHED_OTHER);
        assertThat(nice()).isEqualTo(niceBefore);
    }
}
