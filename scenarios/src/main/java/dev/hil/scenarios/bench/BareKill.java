package dev.hil.scenarios.bench;

/** The baseline of the cut latency: a bare kill of a process, nothing of the harness around it. */
final class BareKill {
    static final String WHAT = "bare destroyForcibly() of a sleep";

    private BareKill() {
    }

    /** Milliseconds each of {@code samples} kills took to return. */
    static double[] measure(int samples) throws Exception {
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            Process p = new ProcessBuilder("sleep", "30").start();
            try {
                long t0 = System.nanoTime();
                p.destroyForcibly();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            } finally {
                p.destroyForcibly();
                p.waitFor();
            }
        }
        return ms;
    }
}
