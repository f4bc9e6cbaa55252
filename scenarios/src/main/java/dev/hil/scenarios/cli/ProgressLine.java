package dev.hil.scenarios.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Progress of a run: scenario n/N, the current phase and bytes sent. On a terminal one line is
 * rewritten in place; otherwise plain lines, one per event, for CI logs.
 */
final class ProgressLine implements TestExecutionListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, String> reproduce = new HashMap<>();
    private long total;
    private int current;
    private String currentName = "";

    ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
    }

    /** A phase sweep registers its points once its reference run has counted them. */
    @Override
    public void dynamicTestRegistered(TestIdentifier id) {
        if (id.isTest()) {
            total++;
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            current++;
            currentName = id.getDisplayName();
            started.put(id.getUniqueId(), System.nanoTime());
            line(prefix() + currentName);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> {
            // Upload progress rewrites one terminal line; in a CI log it would be noise.
            if (k.equals("phase") && (terminal || !v.startsWith("upload "))) {
                line(prefix() + shortName() + " | " + v);
            }
            if (k.equals("reproduce")) {
                reproduce.put(id.getUniqueId(), v); // printed under the verdict line
            }
        });
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            current++;
            done(prefix() + id.getDisplayName() + "  SKIPPED: " + reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            return;
        }
        Long t0 = started.get(id.getUniqueId());
        String took = t0 == null ? "" : String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9);
        String verdict = switch (result.getStatus()) {
            case SUCCESSFUL -> "PASSED";
            case ABORTED -> "ABORTED";
            case FAILED -> result.getThrowable().map(t -> t instanceof AssertionError ? "FAILED" : "BROKEN").orElse("FAILED");
        };
        String why = result.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
        done((id.isTest() ? prefix() : "") + id.getDisplayName() + "  " + verdict + took + why);
        String again = reproduce.remove(id.getUniqueId());
        if (again != null) {
            done("    reproduce: " + again);
        }
    }

    private String prefix() {
        return "[" + current + "/" + total + "] ";
    }

    private String shortName() {
        int colon = currentName.indexOf(':');
        return colon > 0 ? currentName.substring(0, colon) : currentName;
    }

    private void line(String text) {
        if (terminal) {
            out.print("\r\033[K" + text);
        } else {
            out.println(text);
        }
        out.flush();
    }

    private void done(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(text);
        out.flush();
    }
}
