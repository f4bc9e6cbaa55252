package dev.hil.scenarios.qualify;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The qualification judgment of one device mode: what the intended use requires of the harness
 * (no false alarm on the correct device; the defect caught by the scenario that states the
 * property it breaks) against what the run showed.
 *
 * @param catcher the case that caught the defect, if any did as expected
 * @param notPassed every case that did not pass (false alarms on the correct device; on a defect,
 *     the catch and whatever else the defect disturbed)
 */
public record Verdict(DeviceMode mode, String expected, String actual, boolean met, Optional<CaseOutcome> catcher,
                      List<CaseOutcome> notPassed) {
    public static final String NO_FALSE_ALARM = "no false alarm";

    public static Verdict of(ModeRun run) {
        return run.mode().defect().isEmpty() ? correctDevice(run) : defectiveDevice(run);
    }

    /** Every case must pass and the run must say so (exit 0); an empty run proves nothing. */
    private static Verdict correctDevice(ModeRun run) {
        List<CaseOutcome> alarms = run.notPassed();
        String actual;
        boolean met = false;
        if (run.cases().isEmpty()) {
            actual = "no case results (hil run exit " + run.exit() + "): nothing was shown";
        } else if (!alarms.isEmpty()) {
            actual = alarms.size() + " false alarm(s): " + list(alarms);
        } else if (run.exit() != 0) {
            actual = "all " + run.cases().size() + " cases passed but hil run exited " + run.exit();
        } else {
            actual = NO_FALSE_ALARM + " (" + run.cases().size() + " cases passed)";
            met = true;
        }
        return new Verdict(run.mode(), NO_FALSE_ALARM, actual, met, Optional.empty(), alarms);
    }

    /**
     * Caught means: the expected scenario FAILED (a verdict on the device, not a broken rig) with
     * the expected failure code, and the run exited 1 (failures, not bad input or an internal error).
     * Another scenario failing instead is reported but does not count: the qualified claim is that
     * this scenario detects this hazard.
     */
    private static Verdict defectiveDevice(ModeRun run) {
        var defect = run.mode().defect().orElseThrow();
        List<CaseOutcome> failures = run.notPassed();
        Optional<ExpectedCatches.Catch> expectedCatch = ExpectedCatches.of(defect);
        if (expectedCatch.isEmpty()) {
            return new Verdict(run.mode(), "an expected catcher in ExpectedCatches",
                    "defect " + defect.flag() + " has no expected catching scenario; not passed: "
                            + (failures.isEmpty() ? "none: nothing in the library catches it" : list(failures)),
                    false, Optional.empty(), failures);
        }
        ExpectedCatches.Catch c = expectedCatch.get();
        String expected = "caught by " + c.scenario() + " (failure code " + c.code() + ")";
        Optional<CaseOutcome> result = run.cases().stream().filter(o -> o.id().equals(c.scenario())).findFirst();
        Optional<CaseOutcome> caught = result.filter(o -> o.status().equals(CaseOutcome.FAILED)
                && o.code().equals(c.code().name()));
        String actual;
        if (caught.isPresent() && run.exit() == 1) {
            actual = "caught by " + c.scenario() + ": " + caught.get().code() + " " + caught.get().message();
        } else if (caught.isPresent()) {
            actual = c.scenario() + " failed as expected but hil run exited " + run.exit();
        } else if (result.isEmpty()) {
            actual = "not caught: no result for " + c.scenario() + " (hil run exit " + run.exit() + ")"
                    + otherFailures(failures);
        } else {
            String why = summary(result.get());
            actual = "not caught: " + c.scenario() + " " + result.get().status() + (why.isEmpty() ? "" : ": " + why)
                    + otherFailures(failures);
        }
        boolean met = caught.isPresent() && run.exit() == 1;
        return new Verdict(run.mode(), expected, actual, met, met ? caught : Optional.empty(), failures);
    }

    private static String otherFailures(List<CaseOutcome> failures) {
        return failures.isEmpty() ? "; no scenario failed" : "; not passed: " + list(failures);
    }

    private static String list(List<CaseOutcome> cases) {
        return cases.stream().map(o -> o.id() + " " + o.status() + (summary(o).isEmpty() ? "" : " (" + summary(o) + ")"))
                .collect(Collectors.joining("; "));
    }

    /** "CODE message" of a case that did not pass; empty for one with neither. */
    private static String summary(CaseOutcome o) {
        return (o.code() + " " + o.message()).strip();
    }
}
