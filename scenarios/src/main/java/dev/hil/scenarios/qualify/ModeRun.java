package dev.hil.scenarios.qualify;

import java.util.List;

/** What one library run in one device mode produced: the run's exit code and its case results. */
public record ModeRun(DeviceMode mode, int exit, List<CaseOutcome> cases) {
    public ModeRun {
        cases = List.copyOf(cases);
    }

    public List<CaseOutcome> notPassed() {
        return cases.stream().filter(c -> !c.passed()).toList();
    }
}
