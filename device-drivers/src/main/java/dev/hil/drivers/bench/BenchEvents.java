package dev.hil.drivers.bench;

import dev.hil.core.timeline.TimelineEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Who wants to hear what the bench did: the running case's timeline, a rig check. */
final class BenchEvents {
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();

    AutoCloseable subscribe(Consumer<TimelineEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void tell(TimelineEvent event) {
        listeners.forEach(l -> l.accept(event));
    }
}
