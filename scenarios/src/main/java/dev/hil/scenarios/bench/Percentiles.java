package dev.hil.scenarios.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample. */
record Percentiles(double[] sorted) {
    static Percentiles of(double[] sample) {
        double[] s = sample.clone();
        Arrays.sort(s);
        return new Percentiles(s);
    }

    double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
