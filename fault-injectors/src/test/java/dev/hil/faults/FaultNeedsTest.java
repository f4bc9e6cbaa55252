package dev.hil.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.rig.Requirement;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each fault and trigger says it needs of a rig, so a run can refuse a rig that lacks it before it starts. */
class FaultNeedsTest {
    private static final SourceMark MARK = new SourceMark(Path.of("s.yaml"), 9, 5);
    private final FaultCatalog catalog = FaultCatalog.load();

    private List<RigCapability> needs(String kind, Map<String, Object> params) {
        List<Requirement> needs = catalog.needs(new FaultSpec(kind, params, MARK));
        assertThat(needs).allSatisfy(r -> {
            assertThat(r.mark()).isEqualTo(MARK);
            assertThat(r.clause()).isEqualTo(kind);
        });
        return needs.stream().map(Requirement::capability).toList();
    }

    @Test
    void aResetPulseNeedsAResetLineAndWhatItsTriggerNeeds() {
        assertThat(needs("reset", Map.of("at", Map.of("phase", "swap-half"))))
                .containsExactlyInAnyOrder(RigCapability.resetLine(), RigCapability.phase("swap-half"));
        assertThat(needs("reset", Map.of("at", Map.of("transferred", "50%")))).containsExactly(RigCapability.resetLine());
    }

    @Test
    void compositeTriggersNeedEveryPhaseTheyWaitFor() {
        Map<String, Object> at = Map.of("any-of", List.of(Map.of("phase", "swap"),
                Map.of("all-of", List.of(Map.of("nth", 2, "of", Map.of("phase", "boot")), Map.of("bytes", 10)))));
        assertThat(needs("power-cut", Map.of("at", at, "off-for", "1s")))
                .containsExactlyInAnyOrder(RigCapability.phase("swap"), RigCapability.phase("boot"));
    }

    @Test
    void faultsOnWhatTheHostSeesNeedNothingOfTheRig() {
        assertThat(needs("link-drop", Map.of("at", Map.of("bytes", 4096), "for", "1s"))).isEmpty();
        assertThat(needs("brownout", Map.of("at", Map.of("after", "1s"), "off-for", "50ms"))).isEmpty();
        assertThat(needs("delay", Map.of("ms", 20))).isEmpty();
    }

    @Test
    void aRigWithoutTheNeedIsNamedWithTheClausesPlace() {
        var rig = new dev.hil.core.rig.RigSpec(Path.of("bench.yaml"), Path.of("."), "bench",
                new dev.hil.core.rig.RigSpec.DeviceSpec("process", List.of("cat"), "pty", 0), "smp",
                new dev.hil.core.rig.RigSpec.PowerSpec("pi4j", "mock", 17, true), Path.of("k.pem"),
                java.time.Duration.ofSeconds(1), Map.of("swap", "swap: start"));
        assertThat(rig.wiredCapabilities()).containsExactly(RigCapability.phase("swap"));
        assertThat(new Requirement(RigCapability.phase("boot"), "power-cut", MARK).unmetBy(rig))
                .isEqualTo("s.yaml:9:5: power-cut: rig 'bench' (bench.yaml) maps no phase 'boot' to a device-log"
                        + " pattern (it maps: swap)");
    }
}
