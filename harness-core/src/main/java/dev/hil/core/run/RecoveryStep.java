package dev.hil.core.run;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.timeline.Durations;
import dev.hil.core.timeline.TimelineEvent;
import java.time.Duration;

/**
 * The "within" of the then part: once the last fault has ended (power restored, reset released),
 * the device must be back on some image within the budget; a fault landing meanwhile restarts it.
 * Then every armed fault must have fired, or the scenario did not test what it says.
 */
final class RecoveryStep {
    private final CaseRun run;

    RecoveryStep(CaseRun run) {
        this.run = run;
    }

    void run() {
        Duration within = run.scenario.then().within() != null ? run.scenario.then().within() : run.rig.bootBudget();
        run.summary.budget = within;
        while (true) {
            run.faults.awaitSettled();
            if (!run.rig.power().isOn()) {
                run.rig.power().on(); // a fault that left power off (none does by design) must not hide the device
                run.timeline.record(new TimelineEvent.PowerChanged(true, "restored by the harness after the faults"));
            }
            long start = run.timeline.now();
            try {
                ImageSlot running = run.answer.activeImage("device back on an image within " + Durations.human(within)
                        + " of the last fault ending (power restored, reset released)", within);
                if (run.faults.anyActive()) {
                    continue; // a fault landed while we looked: the budget starts again when it ends
                }
                Duration took = Duration.ofNanos(run.timeline.now() - start);
                run.timeline.record(new TimelineEvent.Recovered(took, within, running.toString()));
                run.summary.took = took;
                run.summary.landing = run.images.landingOf(running);
                break;
            } catch (ArmedFaults.Landed again) {
                run.note("recovery", "another fault landed during recovery; budget restarts after it");
            }
        }
        run.faults.requireAllFired();
    }
}
