package dev.hil.scenarios.cli;

import dev.hil.scenarios.engine.BadInput;
import dev.hil.scenarios.engine.HilTestEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** What the engine's run means for {@code hil run}'s exit code and last lines: bad input, evidence, suite failure. */
final class RunOutcome implements TestExecutionListener {
    /** The segment type the engine gives a test that stands for an input file it could not accept. */
    private static final String INVALID_FILE = "invalid-file";

    private final List<String> problems = new ArrayList<>();
    private String evidence;
    private String suiteFailure;

    /** Whether discovery found bad input (the engine will fail it without opening the rig). */
    static boolean hasBadInput(TestPlan plan) {
        return plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                .anyMatch(id -> UniqueId.parse(id.getUniqueId()).getSegments().stream()
                        .anyMatch(s -> s.getType().equals(INVALID_FILE)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<Throwable> t = result.getThrowable();
        if (t.isPresent() && t.get() instanceof BadInput bad) {
            problems.addAll(bad.problems());
        } else if (t.isPresent() && id.getParentId().isEmpty()) {
            suiteFailure = t.get().getMessage();
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        String line = entry.getKeyValuePairs().get(HilTestEngine.EVIDENCE_ENTRY);
        if (line != null) {
            evidence = line;
        }
    }

    boolean badInput() {
        return !problems.isEmpty();
    }

    /** Each problem once, in the order reported. */
    List<String> problems() {
        return problems.stream().distinct().toList();
    }

    Optional<String> evidence() {
        return Optional.ofNullable(evidence);
    }

    /** Why the suite itself failed (e.g. the evidence could not be sealed), if it did. */
    Optional<String> suiteFailure() {
        return Optional.ofNullable(suiteFailure);
    }
}
