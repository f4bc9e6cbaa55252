package dev.hil.core.run;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.DeviceException;
import dev.hil.core.device.ImageSlot;
import dev.hil.core.link.LinkDownException;
import dev.hil.core.rig.Rig;
import dev.hil.core.timeline.Durations;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waiting for the device to answer its image list in a wanted state within a budget, told apart:
 * no answer at all (a timeout) from an answer that never got there (no active image).
 */
final class DeviceAnswer {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Rig rig;
    private final ArmedFaults faults;
    private final RecoverySummary summary;

    DeviceAnswer(Rig rig, ArmedFaults faults, RecoverySummary summary) {
        this.rig = rig;
        this.faults = faults;
        this.summary = summary;
    }

    /**
     * Polls the image list until {@code done} holds, within {@code budget}. Stops early with
     * {@link ArmedFaults.Landed} when a fault lands during the wait (the update client lost the device).
     */
    List<ImageSlot> awaitImages(String what, Duration budget, Predicate<List<ImageSlot>> done) {
        AtomicReference<List<ImageSlot>> last = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("none");
        int firedBefore = faults.firedCount();
        try {
            await(what).atMost(budget).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .failFast("a fault landed", () -> faults.firedCount() != firedBefore)
                    .until(() -> {
                        try {
                            List<ImageSlot> l = rig.device().images();
                            last.set(l);
                            return done.test(l);
                        } catch (DeviceException | LinkDownException e) {
                            lastError.set(e.getMessage());
                            return false;
                        }
                    });
        } catch (TerminalFailureException e) {
            throw new ArmedFaults.Landed("a fault landed while waiting: " + what);
        } catch (ConditionTimeoutException e) {
            summary.lastWaitHeardNothing = last.get() == null;
            if (last.get() == null) {
                throw ScenarioFailure.failed(FailureCode.NO_ANSWER, what + ": no answer within the budget of "
                        + Durations.human(budget) + " (last error: " + lastError.get() + ")");
            }
            // It answers, so this is not slowness: the device is not in the state it must reach.
            throw ScenarioFailure.failed(FailureCode.NO_ACTIVE_IMAGE, what + ": the device answers but did not get there in "
                    + Durations.human(budget) + " (last image list: " + describe(last.get()) + "; last error: "
                    + lastError.get() + ")");
        }
        if (faults.interruptingFired(firedBefore)) {
            // A reset keeps the link up, so this answer may already be the restarted device's.
            throw new ArmedFaults.Landed("a fault landed while waiting: " + what);
        }
        return last.get();
    }

    /** Waits for an image list with an active image. */
    ImageSlot activeImage(String what, Duration budget) {
        return CaseImages.active(awaitImages(what, budget, l -> CaseImages.active(l).isPresent())).orElseThrow();
    }

    private static String describe(List<ImageSlot> list) {
        return list.isEmpty() ? "empty image list (recovery mode)" : list.toString();
    }
}
