package dev.hil.faults;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds faults through the catalog (as the runner does) and arms them the way the runner does. */
final class FaultBench {
    static final SourceMark MARK = new SourceMark(Path.of("s.yaml"), 3, 5);
    static final FaultCatalog CATALOG = FaultCatalog.load();

    private FaultBench() {
    }

    static Fault fault(String kind, Map<String, Object> params) {
        return CATALOG.create(new FaultSpec(kind, params, MARK));
    }

    /** Arms like the runner: on firing, note it on the timeline and inject. Returns the observations. */
    static List<String> arm(BenchRig rig, Fault f) {
        List<String> fired = new ArrayList<>();
        f.trigger().arm(rig, observed -> {
            fired.add(observed);
            rig.timeline.record("fault", f.kind() + " fired: " + f.trigger().describe() + " at " + observed);
            f.inject(rig, observed);
        });
        return fired;
    }

    /** Timeline details of one kind, in order. */
    static List<String> events(BenchRig rig, String kind) {
        return rig.timeline.events().stream().filter(e -> e.kind().equals(kind)).map(e -> e.detail()).toList();
    }
}
