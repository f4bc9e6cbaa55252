package dev.hil.core.run.rig;

import dev.hil.core.rig.DeviceLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The device log as lines the in-memory device emits; counts who still listens. */
public final class ListenedLog implements DeviceLog {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable onLine(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void emit(String line) {
        listeners.forEach(l -> l.accept(line));
    }

    public int listeners() {
        return listeners.size();
    }
}
