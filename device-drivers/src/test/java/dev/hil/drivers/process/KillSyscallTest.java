package dev.hil.drivers.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kill(2) through JNA on real processes: what power-off relies on to cut a device program. */
@Timeout(60)
class KillSyscallTest {
    /** Hang guard for the OS to reap processes: not a measurement. */
    private static final Duration LIVENESS = Duration.ofSeconds(20);

    /** A session leader (setsid, as the rig launches device programs) with two helpers in its group. */
    private static Process groupOfThree() throws Exception {
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & sleep 300 & wait").start();
        await("leader started both helpers").atMost(LIVENESS).pollInterval(Duration.ofMillis(10))
                .until(() -> leader.descendants().count() == 2);
        return leader;
    }

    @Test
    void aGroupKillKillsEveryMemberOfARealProcessGroupWithSigkill() throws Exception {
        Process leader = groupOfThree();
        List<ProcessHandle> members = new ArrayList<>(leader.descendants().toList());
        members.add(leader.toHandle());
        try {
            assertThat(KillSyscall.group(leader.pid())).isTrue();

            assertThat(leader.waitFor()).as("killed by SIGKILL").isEqualTo(128 + 9);
            for (ProcessHandle m : members) {
                await("member " + m.pid() + " gone").atMost(LIVENESS).pollInterval(Duration.ofMillis(10))
                        .until(() -> !m.isAlive());
            }
        } finally {
            members.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aKillOfAProcessThatAlreadyExitedIsHarmlessAndReported() throws Exception {
        Process p = new ProcessBuilder("setsid", "true").start();
        assertThat(p.waitFor()).isZero();

        assertThat(KillSyscall.group(p.pid())).as("no group left").isFalse();
        assertThat(KillSyscall.process(p.pid())).as("no process left").isFalse();
    }

    @Test
    void aProcessKillReachesAProgramThatLeadsNoGroup() throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start(); // in the JVM's group, not a leader
        try {
            assertThat(KillSyscall.group(p.pid())).as("it leads no group").isFalse();
            assertThat(p.isAlive()).isTrue();

            assertThat(KillSyscall.process(p.pid())).isTrue();
            assertThat(p.waitFor()).isEqualTo(128 + 9);
        } finally {
            p.destroyForcibly();
        }
    }

    /** kill(2) reads 0 as "my own group", -1 as "every process I may signal", 1 is init. */
    @Test
    void pidsWithAMeaningOfTheirOwnAreRefused() {
        for (long pid : new long[] {0, 1, -1, -42, 1L << 40}) {
            assertThatThrownBy(() -> KillSyscall.group(pid)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> KillSyscall.process(pid)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
