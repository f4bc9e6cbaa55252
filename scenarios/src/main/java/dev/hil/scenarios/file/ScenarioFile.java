package dev.hil.scenarios.file;

import dev.hil.core.rig.Requirement;
import dev.hil.core.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * What one scenario file yields: the cases known from the file alone, or (for a sweep over every
 * occurrence of a phase with no {@code max}) a {@link PhaseSweep} whose points a reference run counts;
 * and what its {@code given:}, {@code when:} and {@code then:} clauses need of a rig (the same for
 * every case of the file; its faults' needs come from the fault catalog).
 */
public record ScenarioFile(List<Scenario> cases, Optional<PhaseSweep> phaseSweep, List<Requirement> needs) {
    public ScenarioFile {
        cases = List.copyOf(cases);
        needs = List.copyOf(needs);
    }

    /** The same file with every case's (and the phase sweep's) images {@code resolve}d. */
    public ScenarioFile withImages(java.util.function.UnaryOperator<java.nio.file.Path> resolve) {
        return new ScenarioFile(cases.stream().map(s -> s.withImages(resolve)).toList(),
                phaseSweep.map(p -> p.withBase(s -> s.withImages(resolve))), needs);
    }

    /** Every case id this file can run, as {@code --case} accepts it: the known ones, or the sweep's pattern. */
    public boolean names(String caseId) {
        return cases.stream().anyMatch(s -> s.id().equals(caseId))
                || phaseSweep.flatMap(p -> p.named(caseId)).isPresent();
    }
}
