package dev.hil.faults;

import dev.hil.core.fault.Fault;
import dev.hil.core.fault.FaultCatalog;
import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.SourceMark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import dev.hil.core.timeline.Timeline;
import dev.hil.core.timeline.TimelineEvent;
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
            rig.timeline.record(new TimelineEvent.FaultFired(f.kind(), f.trigger().describe(), observed,
                    OptionalLong.of(rig.link.imageBytesWritten()), OptionalLong.of(rig.link.imageBytesTotal())));
            f.inject(rig, observed);
        });
        return fired;
    }

    /** What one fault told the timeline about its link effect or its doings, in order. */
    static List<String> events(BenchRig rig, String fault) {
        List<String> texts = new ArrayList<>();
        for (Timeline.Event e : rig.timeline.events()) {
            if (e.what() instanceof TimelineEvent.LinkFaultChanged c && c.fault().equals(fault)) {
                texts.add(c.what());
            } else if (e.what() instanceof TimelineEvent.FaultNote n && n.fault().equals(fault)) {
                texts.add(n.what());
            }
        }
        return texts;
    }

    /** The timeline's events of one type, in order. */
    static <T extends TimelineEvent> List<T> events(BenchRig rig, Class<T> type) {
        return rig.timeline.events().stream().map(Timeline.Event::what).filter(type::isInstance).map(type::cast).toList();
    }
}
