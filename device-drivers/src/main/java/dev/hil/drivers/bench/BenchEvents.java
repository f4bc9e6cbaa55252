package dev.hil.drivers.bench;

import dev.hil.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who wants to hear what the bench did: the running case's timeline, a rig check. Notes told
 * before anyone listens (what the board was found in at open) are kept for the first listener,
 * so the first case's timeline says that a killed harness had left the board on.
 */
final class BenchEvents {
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<TimelineEvent> unheard = new ArrayList<>(); // guarded by this

    AutoCloseable subscribe(Consumer<TimelineEvent> listener) {
        List<TimelineEvent> replay;
        synchronized (this) {
            replay = List.copyOf(unheard);
            unheard.clear();
            listeners.add(listener);
        }
        replay.forEach(listener);
        return () -> listeners.remove(listener);
    }

    void tell(TimelineEvent event) {
        synchronized (this) {
            if (listeners.isEmpty() && event instanceof TimelineEvent.Note) {
                unheard.add(event);
                return;
            }
        }
        listeners.forEach(l -> l.accept(event));
    }
}
