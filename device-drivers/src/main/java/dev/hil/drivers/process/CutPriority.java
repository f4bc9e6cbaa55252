package dev.hil.drivers.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Real-time priority (SCHED_FIFO 1) for the power path of a cut: the pin write, the relay and
 * the kill ({@link RigPower#off}, and the kill of a reset hold). SIGKILL wakes every
 * thread of the device program (a JVM has dozens); the scheduler then tends to hand the
 * killer's CPU to them, so on a loaded machine kill(2) returned after p99 5-10 ms while it ran
 * for 0.1 ms (thread CPU time). At real-time priority no ordinary task takes the CPU away, and
 * it is given back right after the kill. Where the harness may not (no CAP_SYS_NICE, no
 * RLIMIT_RTPRIO) the kill runs at normal priority and {@link #refusal()} says why.
 */
public final class CutPriority {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;
    // Preallocated sched_param structs: nothing is allocated on the cut path.
    private static final Pointer FIFO_1 = schedParam(1);
    private static final Pointer NORMAL = schedParam(0);
    private static volatile String refusal = "not probed yet";

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private CutPriority() {
    }

    private static native int sched_getscheduler(int pid) throws LastErrorException;

    private static native int sched_setscheduler(int pid, int policy, Pointer param) throws LastErrorException;

    /** Finds out once whether this process may raise a thread to real-time priority. */
    public static void probe() {
        try {
            sched_setscheduler(0, SCHED_FIFO, FIFO_1);
            sched_setscheduler(0, SCHED_OTHER, NORMAL);
            refusal = null;
        } catch (LastErrorException e) {
            refusal = "sched_setscheduler(SCHED_FIFO) refused: errno " + e.getErrorCode()
                    + " (needs CAP_SYS_NICE or an RLIMIT_RTPRIO above 0)";
        }
    }

    /** Why kills run at normal priority; empty when they run at real-time priority. */
    public static java.util.Optional<String> refusal() {
        return java.util.Optional.ofNullable(refusal);
    }

    /**
     * Raises the calling thread, if it runs at normal priority and the process may. A thread
     * already raised (power-off reaching the kill) is left to whoever raised it.
     *
     * @return whether it was raised; hand it to {@link #lower}
     */
    public static boolean raise() {
        if (refusal != null) {
            return false;
        }
        try {
            if (sched_getscheduler(0) != SCHED_OTHER) {
                return false; // a thread with a policy of its own keeps it
            }
            sched_setscheduler(0, SCHED_FIFO, FIFO_1);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Back to normal priority (its nice value is kept), if {@link #raise} raised it. */
    public static void lower(boolean raised) {
        if (raised) {
            sched_setscheduler(0, SCHED_OTHER, NORMAL);
        }
    }

    private static Pointer schedParam(int priority) {
        Memory m = new Memory(Integer.BYTES);
        m.setInt(0, priority);
        return m;
    }
}
