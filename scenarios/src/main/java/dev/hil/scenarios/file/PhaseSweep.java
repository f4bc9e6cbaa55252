package dev.hil.scenarios.file;

import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep over every occurrence of a rig phase ({@code every: flash-write}) without a {@code max}:
 * how many points there are is a fact about the device, not the file, so a reference run of the
 * same update without the swept fault counts the phase's log lines and the points are 1..count.
 * A single point is known without the count, so {@code --case ID[flash-write=12]} needs no
 * reference run.
 */
public final class PhaseSweep {
    private final Scenario base;
    private final Sweep sweep;

    PhaseSweep(Scenario base, Sweep sweep) {
        this.base = base;
        this.sweep = sweep;
    }

    /** The same sweep over a changed base scenario (e.g. its images resolved for a rig). */
    PhaseSweep withBase(java.util.function.UnaryOperator<Scenario> change) {
        return new PhaseSweep(change.apply(base), sweep);
    }

    /** The scenario id without a point suffix. */
    public String id() {
        return base.id();
    }

    public String title() {
        return base.title();
    }

    /** The rig phase whose log lines are counted, e.g. {@code flash-write}. */
    public String phase() {
        return sweep.phase();
    }

    /**
     * The same update with the swept fault left out. It must end on the update (when no other
     * fault remains), or the count would not be the count of a whole update.
     */
    public Scenario reference() {
        var faults = sweep.withoutSweptFault(base);
        Set<ImageRole> to = faults.isEmpty() ? Set.of(ImageRole.UPDATE) : Set.of();
        Scenario.Then then = new Scenario.Then(to, base.then().within(), false, false);
        return new Scenario(base.id() + "[reference]", base.title() + " (reference run counting " + phase() + ")",
                base.traceability(), base.file(), base.suiteRoot(), base.given(), base.when(), faults, then, Map.of());
    }

    /** The point that cuts at the {@code n}-th (1-based) log line of the phase. */
    public Scenario point(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("occurrence " + n + " of " + phase() + ": counting starts at 1");
        }
        return sweep.occurrence(base, n);
    }

    /** Points 1..count; a count beyond {@link Sweep#MAX_POINTS} is refused, as a range would be. */
    public List<Scenario> points(long count) {
        if (count > Sweep.MAX_POINTS) {
            throw new IllegalArgumentException(id() + ": the reference run counted " + count + " " + phase()
                    + " lines, more than " + Sweep.MAX_POINTS + " points; give the sweep a max:");
        }
        List<Scenario> out = new ArrayList<>();
        for (long n = 1; n <= count; n++) {
            out.add(point(n));
        }
        return out;
    }

    /** The case a {@code --case} id names in this sweep: the reference run or one point. */
    public Optional<Scenario> named(String caseId) {
        if (caseId.equals(id() + "[reference]")) {
            return Optional.of(reference());
        }
        Matcher m = Pattern.compile(Pattern.quote(id() + "[" + phase() + "=") + "([1-9][0-9]{0,17})]").matcher(caseId);
        return m.matches() ? Optional.of(point(Long.parseLong(m.group(1)))) : Optional.empty();
    }
}
