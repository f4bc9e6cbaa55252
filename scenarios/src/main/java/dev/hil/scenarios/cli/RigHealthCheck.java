package dev.hil.scenarios.cli;

import static org.awaitility.Awaitility.await;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigFault;
import dev.hil.core.timeline.TimelineEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The health check a lab runs before a job ({@code hil rig check}): power-cycle, the port's return,
 * the protocol answering (echo round trips), the image list, a reset pulse and a boot-mode entry
 * where wired. Prints what it measured; {@link #run} is false on the first rig fault, said on err.
 */
final class RigHealthCheck {
    static final Duration RESET_HOLD = Duration.ofMillis(100);
    private static final int ECHOES = 5;

    private final Rig rig;
    private final dev.hil.core.rig.DeviceProfile profile;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<TimelineEvent> bench = new CopyOnWriteArrayList<>();

    RigHealthCheck(Rig rig, dev.hil.core.rig.DeviceProfile profile, PrintWriter out, PrintWriter err) {
        this.rig = rig;
        this.profile = profile;
        this.out = out;
        this.err = err;
    }

    boolean run() throws Exception {
        try (AutoCloseable ignored = rig.onBenchEvent(e -> {
            bench.add(e);
            if (e instanceof TimelineEvent.Note n) {
                out.println("bench: " + n.topic() + ": " + n.text());
            }
        })) {
            return powerCycle() && answers() && ProfileCheck.matches(rig.name(), profile, rig.device(), out, err)
                    && resetRestarts() && bootModeEntersRecovery();
        } catch (RigFault e) {
            err.println("rig " + rig.name() + ": rig fault: " + e.getMessage());
            return false;
        } finally {
            rig.power().off();
        }
    }

    private boolean powerCycle() {
        rig.power().off();
        bench.clear();
        long t0 = System.nanoTime();
        rig.power().on();
        out.println("rig " + rig.name() + ": power cycled (power-on took " + millis(System.nanoTime() - t0) + ")");
        bench.forEach(e -> {
            if (e instanceof TimelineEvent.PortReturned p) {
                out.println("port: " + p.port() + " back as " + p.node() + " after " + p.waited().toMillis() + " ms");
            } else if (e instanceof TimelineEvent.LineSwitched l) {
                out.println("line: " + l.text());
            }
        });
        return true;
    }

    private boolean answers() {
        List<ImageSlot> images = awaitImages("device answers after power-on");
        if (images == null) {
            return false;
        }
        List<Long> trips = new ArrayList<>();
        String said = null;
        for (int i = 0; i < ECHOES; i++) {
            long t0 = System.nanoTime();
            said = rig.device().echo("hil rig check " + i);
            trips.add(System.nanoTime() - t0);
        }
        trips.sort(null);
        out.println("echo: " + said + " (round trip median " + millis(trips.get(ECHOES / 2)) + ", max "
                + millis(trips.get(ECHOES - 1)) + " over " + ECHOES + ")");
        if (images.isEmpty()) {
            out.println("images: none (the device is in recovery mode: erased or no valid image)");
        }
        images.forEach(i -> out.println("image: " + i));
        return true;
    }

    /**
     * Holds reset for a moment with the supply on, releases it, and waits for the device to
     * restart: it must log something after the release (a bootloader banner; a reset pin that is
     * not wired leaves the device silent) and answer the protocol again.
     */
    private boolean resetRestarts() throws Exception {
        if (rig.resetLine().isEmpty()) {
            return true;
        }
        ResetLine reset = rig.resetLine().get();
        AtomicBoolean released = new AtomicBoolean();
        List<String> linesAfter = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = rig.log().onLine(line -> {
            if (released.get()) {
                linesAfter.add(line);
            }
        })) {
            reset.hold();
            Thread.sleep(RESET_HOLD.toMillis());
            released.set(true);
            long t0 = System.nanoTime();
            reset.release();
            await("device restarts after reset").atMost(rig.bootBudget()).pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions().until(() -> !linesAfter.isEmpty() && rig.device().images() != null);
            out.println("reset line: pulsed " + RESET_HOLD.toMillis() + " ms with power on; the device restarted ("
                    + linesAfter.get(0) + ") and answers " + millis(System.nanoTime() - t0) + " after the release");
            return true;
        } catch (ConditionTimeoutException e) {
            err.println("rig " + rig.name() + ": after a reset pulse of " + RESET_HOLD.toMillis() + " ms the device "
                    + (linesAfter.isEmpty() ? "logged nothing" : "did not answer") + " within the boot budget of "
                    + rig.bootBudget().toMillis() + " ms: is the reset line wired to the device's reset pin?");
            return false;
        }
    }

    /** Boot-mode held across a reset: the bootloader must answer (serial recovery), then boot normally. */
    private boolean bootModeEntersRecovery() throws Exception {
        if (rig.bootModeLine().isEmpty() || rig.resetLine().isEmpty()) {
            return true;
        }
        ResetLine boot = rig.bootModeLine().get();
        ResetLine reset = rig.resetLine().get();
        boot.hold();
        List<ImageSlot> inRecovery;
        try {
            reset.hold();
            Thread.sleep(RESET_HOLD.toMillis());
            reset.release();
            inRecovery = awaitImages("bootloader answers with the boot-mode line held");
        } finally {
            boot.release();
        }
        if (inRecovery == null) {
            return false;
        }
        out.println("boot-mode line: held across a reset, the bootloader answers (serial recovery lists "
                + inRecovery.size() + " image(s))");
        reset.hold();
        Thread.sleep(RESET_HOLD.toMillis());
        reset.release();
        List<ImageSlot> after = awaitImages("device answers after leaving serial recovery");
        if (after == null) {
            return false;
        }
        out.println("boot-mode line: released, the device boots and answers again");
        return true;
    }

    private List<ImageSlot> awaitImages(String what) {
        AtomicReference<List<ImageSlot>> images = new AtomicReference<>();
        AtomicReference<String> lastError = new AtomicReference<>("none");
        try {
            await(what).atMost(rig.bootBudget()).pollInterval(Duration.ofMillis(50)).until(() -> {
                try {
                    images.set(rig.device().images());
                    return true;
                } catch (RuntimeException e) {
                    lastError.set(e.getMessage());
                    return false;
                }
            });
            return images.get();
        } catch (ConditionTimeoutException e) {
            err.println("rig " + rig.name() + ": " + what + ": no answer within the boot budget of "
                    + rig.bootBudget().toMillis() + " ms (last error: " + lastError.get() + ")");
            return null;
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
