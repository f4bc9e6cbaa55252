package dev.hil.scenarios.bench;

import dev.hil.drivers.process.CutPriority;
import dev.hil.drivers.process.KillSyscall;
import java.util.function.ToLongFunction;

/**
 * Baselines of the cut latency: a bare kill of a process group led by a sleep, nothing of the
 * harness around it, through the same kill(2) at the same priority as the rig's, and through
 * the JDK's {@link Process#destroyForcibly()} that the rig used before (at normal priority).
 */
enum BareKill {
    SYSCALL("baseline: bare kill(2) of a process group, as the rig sends it", p -> {
        long t0 = System.nanoTime();
        boolean raised = CutPriority.raise();
        try {
            KillSyscall.group(p.pid());
            return System.nanoTime() - t0;
        } finally {
            CutPriority.lower(raised);
        }
    }),
    JDK("reference: bare destroyForcibly() of a process", p -> {
        long t0 = System.nanoTime();
        p.destroyForcibly();
        return System.nanoTime() - t0;
    });

    final String what;
    private final ToLongFunction<Process> kill;

    BareKill(String what, ToLongFunction<Process> kill) {
        this.what = what;
        this.kill = kill;
    }

    /** Milliseconds each of {@code samples} kills took to return. */
    double[] measure(int samples) throws Exception {
        KillSyscall.bind();
        CutPriority.probe();
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            // sh waits for its child, so the group exists and has a member until killed.
            Process p = new ProcessBuilder("setsid", "sh", "-c", "sleep 30; :").start();
            try {
                awaitGroup(p);
                ms[i] = kill.applyAsLong(p) / 1e6;
            } finally {
                p.destroyForcibly();
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.waitFor();
            }
        }
        return ms;
    }

    // setsid makes the group only once it runs; the kill must find it, as the rig's does.
    private static void awaitGroup(Process p) throws InterruptedException {
        while (p.descendants().findAny().isEmpty() && p.isAlive()) {
            Thread.sleep(1);
        }
    }
}
