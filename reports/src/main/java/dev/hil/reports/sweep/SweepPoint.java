package dev.hil.reports.sweep;

import dev.hil.core.run.Recovery;
import dev.hil.core.run.Status;
import java.util.Objects;

/** One finished point of a sweep: its label ({@code 30%}, {@code 4096}, {@code 12}), verdict and recovery. */
public record SweepPoint(String label, Status status, Recovery recovery) {
    public SweepPoint {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        recovery = recovery != null ? recovery : new Recovery(Recovery.Landing.NOT_REACHED, null, null);
    }

    /** The heatmap's colour class for where the device came back. */
    public PointOutcome outcome() {
        return PointOutcome.of(recovery.landing());
    }

    /**
     * Recovery time as a share of the budget, 0..1; 1 when the device never came back, so slow
     * and failed points both read dark.
     */
    public double budgetShare() {
        if (recovery.took() == null || recovery.budget() == null || recovery.budget().isZero()) {
            return 1.0;
        }
        return Math.min(1.0, (double) recovery.took().toNanos() / recovery.budget().toNanos());
    }
}
