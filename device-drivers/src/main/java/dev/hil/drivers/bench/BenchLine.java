package dev.hil.drivers.bench;

import dev.hil.core.rig.ResetLine;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.drivers.power.SwitchedOutput;
import java.time.Duration;

/** A reset or boot-mode line of a real bench as the harness drives it, every switch on the timeline. */
final class BenchLine implements ResetLine {
    private final String name;
    private final SwitchedOutput output;
    private final BenchEvents events;
    private final java.util.function.Consumer<Boolean> record;
    private volatile boolean held;

    BenchLine(String name, SwitchedOutput output, BenchEvents events, java.util.function.Consumer<Boolean> record) {
        this.record = record;
        this.name = name;
        this.output = output;
        this.events = events;
    }

    @Override
    public void hold() {
        drive(true);
    }

    @Override
    public void release() {
        drive(false);
    }

    @Override
    public boolean held() {
        return held;
    }

    void drive(boolean active) {
        if (active) {
            record.accept(true);
        }
        long t0 = System.nanoTime();
        output.drive(active);
        held = active;
        if (!active) {
            record.accept(false);
        }
        events.tell(new TimelineEvent.LineSwitched(name, active, output.describe(),
                Duration.ofNanos(System.nanoTime() - t0)));
    }
}
