package dev.hil.drivers.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * SIGKILL through kill(2) itself, called via JNA's direct mapping: the power cut's kill path.
 * It replaces {@link Process#destroyForcibly()} and a spawned {@code kill -- -PGID}: measured
 * under load ({@code hil bench --only latency}) destroyForcibly() took p50 0.15 ms, p99 5.5 ms
 * to return, since after the kill it closes the program's three pipes while the UART pump and
 * the log follower are blocked reading them; kill(2) alone takes microseconds. The native stub
 * is bound when this class loads; {@link #bind()} has a rig do that when it is built, so the
 * first cut does not pay for loading libc.
 */
public final class KillSyscall {
    private static final int SIGKILL = 9;
    private static final int ESRCH = 3; // no such process (group)

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private KillSyscall() {
    }

    private static native int kill(int pid, int signal) throws LastErrorException;

    /** Binds kill(2) now: signal 0 to this JVM checks that it may be signalled and sends nothing. */
    public static void bind() {
        kill(checked(ProcessHandle.current().pid()), 0);
    }

    /**
     * SIGKILL to every process of group {@code pgid}, in one call: a program started through
     * setsid leads its group, so it and all it started die at the same instant.
     *
     * @return false if no process was left in the group (it had exited): harmless, and said so
     */
    public static boolean group(long pgid) {
        return send(-checked(pgid));
    }

    /** SIGKILL to one process; false if it had already exited. */
    public static boolean process(long pid) {
        return send(checked(pid));
    }

    private static boolean send(int target) {
        try {
            kill(target, SIGKILL);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw new IllegalStateException("kill(" + target + ", SIGKILL) failed: errno " + e.getErrorCode(), e);
        }
    }

    // kill(2) gives 0, -1 and negative pids meanings of their own (own group, every process): refuse them.
    private static int checked(long pid) {
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("not a pid to signal: " + pid);
        }
        return (int) pid;
    }
}
