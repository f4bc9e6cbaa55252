package dev.hil.core.run;

import static org.awaitility.Awaitility.await;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.link.SerialLink;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.timeline.Durations;
import dev.hil.core.timeline.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The case's faults: built from the scenario, armed for the update (each with its release on the
 * case's cleanup), and what has fired so far. Faults fire on other threads (link taps, the log
 * reader, the scheduler), hence the synchronized list.
 */
final class ArmedFaults {
    /** How long a fault may stay in effect (e.g. power off) before the harness calls it stuck. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private final FaultCatalog catalog;
    private final CaseRun run;
    private final List<Fault> faults = new ArrayList<>();
    private final List<Fault> fired = Collections.synchronizedList(new ArrayList<>());

    ArmedFaults(FaultCatalog catalog, CaseRun run) {
        this.catalog = catalog;
        this.run = run;
    }

    void build(List<FaultSpec> specs) {
        for (FaultSpec spec : specs) {
            try {
                faults.add(catalog.create(spec));
            } catch (IllegalArgumentException e) {
                throw ScenarioFailure.broken(FailureCode.BAD_INPUT, e.getMessage(), e);
            }
        }
    }

    /** Arms every fault; each is disarmed and released by the case's cleanup, whatever happens. */
    void arm() {
        for (Fault f : faults) {
            run.cleanup.opened("release " + f.kind() + " at " + f.trigger().describe(), () -> {
                f.trigger().disarm();
                f.release(run);
            });
            try {
                f.trigger().arm(run, observed -> {
                    run.timeline.record(firedEvent(f, observed));
                    fired.add(f);
                    f.inject(run, observed);
                });
            } catch (IllegalArgumentException e) {
                throw ScenarioFailure.broken(FailureCode.BAD_INPUT, f.kind() + " at " + f.trigger().describe() + ": " + e.getMessage(), e);
            }
            run.timeline.record(new TimelineEvent.FaultArmed(f.kind(), f.trigger().describe()));
        }
    }

    /** What the fault saw, with the image bytes that had left the host at that instant. */
    private TimelineEvent.FaultFired firedEvent(Fault f, String observed) {
        SerialLink link = run.rig.link();
        long total = link.imageBytesTotal();
        return new TimelineEvent.FaultFired(f.kind(), f.trigger().describe(), observed,
                total > 0 ? OptionalLong.of(link.imageBytesWritten()) : OptionalLong.empty(),
                total > 0 ? OptionalLong.of(total) : OptionalLong.empty());
    }

    int firedCount() {
        return fired.size();
    }

    boolean anyFired() {
        return !fired.isEmpty();
    }

    boolean anyActive() {
        return faults.stream().anyMatch(Fault::active);
    }

    /** Whether a fault that makes the update client give up fired, among those from index {@code from} on. */
    boolean interruptingFired(int from) {
        synchronized (fired) {
            return fired.stream().skip(from).anyMatch(Fault::interruptsUpdate);
        }
    }

    void awaitSettled() {
        try {
            await("injected faults end").atMost(SETTLE_LIMIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> !anyActive());
        } catch (ConditionTimeoutException e) {
            throw ScenarioFailure.broken(FailureCode.RIG_FAULT, "an injected fault was still in effect after "
                    + Durations.human(SETTLE_LIMIT), e);
        }
        for (Fault f : faults) {
            f.rigFailure().ifPresent(why -> {
                throw ScenarioFailure.broken(FailureCode.RIG_FAULT, f.kind() + " could not be undone: " + why, null);
            });
        }
    }

    /** Disarms all; a fault that never fired means the scenario did not test what it says. */
    void requireAllFired() {
        for (Fault f : faults) {
            f.trigger().disarm();
            if (!fired.contains(f)) {
                throw ScenarioFailure.failed(FailureCode.FAULT_NEVER_FIRED, f.kind() + " at " + f.trigger().describe()
                        + " never fired: the device never reached that point during the update");
            }
        }
    }

    /** The update client lost the device because an injected fault landed. */
    static final class Landed extends RuntimeException {
        Landed(String message) {
            super(message, null, false, false);
        }
    }
}
