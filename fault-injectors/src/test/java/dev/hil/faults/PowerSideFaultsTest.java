package dev.hil.faults;

import static dev.hil.faults.FaultBench.arm;
import static dev.hil.faults.FaultBench.events;
import static dev.hil.faults.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hil.core.fault.Fault;
import java.time.Duration;
import java.util.List;
import dev.hil.core.timeline.TimelineEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerSideFaultsTest {
    private static final LineUpload UPLOAD = new LineUpload(1000, 64, 10);

    @Test
    void brownoutCutsAtTheTriggerByteAndRepeatsTheDips() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        Fault f = fault("brownout", Map.of("at", Map.of("bytes", 130), "off-for", "1ms", "repeat", 3, "every", "5ms"));
        arm(rig, f);
        UPLOAD.send(rig.link);
        assertThat(rig.wireAtOff).isEqualTo(UPLOAD.wireAt(130));
        assertThat(f.interruptsUpdate()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.active());
        assertThat(rig.switching).containsExactly("off", "on", "off", "on", "off", "on");
        List<TimelineEvent.PowerChanged> power = events(rig, TimelineEvent.PowerChanged.class);
        assertThat(power).extracting(TimelineEvent.PowerChanged::on).containsExactly(false, true, false, true, false, true);
        assertThat(power.get(0).cause()).contains("dip 1 of 3").contains("bytes 130");
        rig.close();
    }

    @Test
    void brownoutMustBeShorterThanTheBootBudget() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of()); // boot budget 1 s
        Fault f = fault("brownout", Map.of("at", Map.of("bytes", 1), "off-for", "1s"));
        assertThatThrownBy(() -> arm(rig, f)).hasMessageContaining("off-for 1000 ms is not shorter than rig 'bench'"
                + " boot budget of 1000 ms");
        rig.close();
    }

    @Test
    void resetHoldsThePinAtTheTriggerWithPowerOnAndReleasesIt() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        rig.resetLine = new BenchRig.BenchResetLine();
        Fault f = fault("reset", Map.of("at", Map.of("bytes", 20), "hold", "10m"));
        List<String> fired = arm(rig, f);
        UPLOAD.send(rig.link);
        assertThat(fired).singleElement().asString().startsWith("image byte 20 of 1000");
        assertThat(rig.resetLine.held()).isTrue();
        assertThat(rig.on).isTrue();
        assertThat(f.active()).isTrue();
        f.release(rig); // end of scenario before the hold ran out: the device must not stay in reset
        assertThat(rig.resetLine.events).containsExactly("hold", "release");
        assertThat(f.active()).isFalse();
        rig.close();
    }

    @Test
    void aResetPinThatFailsToReleaseEndsTheFaultAndSaysWhy() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        rig.resetLine = new BenchRig.BenchResetLine() {
            @Override
            public void release() {
                throw new IllegalStateException("device program would not start");
            }
        };
        Fault f = fault("reset", Map.of("at", Map.of("bytes", 20), "hold", "5ms"));
        arm(rig, f);
        UPLOAD.send(rig.link);
        // Not left "active" for the runner to wait out for minutes: it ends, and the timeline says why.
        await().atMost(Duration.ofSeconds(10)).until(() -> !f.active());
        assertThat(events(rig, "reset")).last().asString()
                .isEqualTo("releasing the reset pin failed: device program would not start");
        rig.close();
    }

    @Test
    void resetOnARigWithoutAResetLineStopsWhenArmed() {
        BenchRig rig = new BenchRig(UPLOAD.size, Map.of());
        Fault f = fault("reset", Map.of("at", Map.of("bytes", 20)));
        assertThatThrownBy(() -> arm(rig, f)).hasMessageContaining("rig 'bench' has no reset line");
        rig.close();
    }
}
