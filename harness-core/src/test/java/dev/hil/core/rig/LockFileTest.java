package dev.hil.core.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock must hold against another process even after a refused attempt from this JVM: POSIX
 * drops a process's lock when any descriptor of the file is closed, which a careless "read who
 * holds it" does. Another process is the only honest witness, so one is started.
 */
class LockFileTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedSecondAttemptInThisJvmLeavesTheLockHeldAgainstOtherProcesses() throws Exception {
        Path file = dir.resolve("board.lock");
        try (LockFile held = LockFile.acquire(file, "pid 1 since then\npower on")) {
            assertThatThrownBy(() -> LockFile.acquire(file, "pid 2")).isInstanceOf(LockFile.HeldElsewhere.class)
                    .hasMessage("pid 1 since then");
            assertThatThrownBy(() -> StateLock.acquire(dir.resolve("board"))).isInstanceOf(RigInUse.class);
            assertThat(otherProcessCanLock(file)).as("another process still finds it locked").isFalse();
            held.write("pid 1 since then\npower off");
            assertThat(otherProcessCanLock(file)).isFalse();
        }
        assertThat(otherProcessCanLock(file)).as("released at close").isTrue();
        try (LockFile again = LockFile.acquire(file, "pid 3")) {
            assertThat(again.before()).contains("pid 1 since then\npower off");
        }
    }

    private boolean otherProcessCanLock(Path file) throws Exception {
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {
                            System.out.print(ch.tryLock() == null ? "held" : "free");
                        }
                    }
                }
                """);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(out).isIn("held", "free");
        return out.equals("free");
    }
}
