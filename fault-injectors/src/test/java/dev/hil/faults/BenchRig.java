package dev.hil.faults;

import dev.hil.core.device.Device;
import dev.hil.core.fault.FaultContext;
import dev.hil.core.image.TrustKey;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.ResetLine;
import dev.hil.core.rig.Rig;
import dev.hil.core.timeline.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** An in-memory rig for trigger/fault logic: a memory link, a recording switch, a feedable log. */
final class BenchRig implements Rig, PowerSwitch, DeviceLog, FaultContext {
    final MemoryLink link = new MemoryLink();
    final Timeline timeline = new Timeline();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    final Map<String, String> phases;
    final long imageBytes;
    volatile boolean on = true;
    volatile long wireAtOff = -1;
    volatile long seed = 1;
    final List<String> switching = new CopyOnWriteArrayList<>();
    /** The bench's reset pin, when a test wires one. */
    volatile BenchResetLine resetLine;

    BenchRig(long imageBytes, Map<String, String> phases) {
        this.imageBytes = imageBytes;
        this.phases = phases;
    }

    void logLine(String line) {
        listeners.forEach(l -> l.accept(line));
    }

    @Override public String name() { return "bench"; }
    @Override public Path source() { return Path.of("bench.yaml"); }
    @Override public PowerSwitch power() { return this; }
    @Override public SerialLink link() { return link; }
    @Override public Device device() { throw new UnsupportedOperationException("no device on the bench rig"); }
    @Override public DeviceLog log() { return this; }
    @Override public TrustKey trust() { throw new UnsupportedOperationException("no key on the bench rig"); }
    @Override public Duration bootBudget() { return Duration.ofSeconds(1); }
    @Override public Map<String, String> phases() { return phases; }
    @Override public void eraseDevice() { }
    @Override public void close() { scheduler.shutdownNow(); }

    @Override public void on() { on = true; link.down = false; switching.add("on"); }
    @Override public void off() { on = false; link.down = true; wireAtOff = link.sent.size(); switching.add("off"); }
    @Override public Optional<ResetLine> resetLine() { return Optional.ofNullable(resetLine); }
    @Override public boolean isOn() { return on; }

    @Override
    public AutoCloseable onLine(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override public Rig rig() { return this; }
    @Override public Timeline timeline() { return timeline; }
    @Override public ScheduledExecutorService scheduler() { return scheduler; }
    @Override public long updateStartNanos() { return 0; }
    @Override public long updateImageBytes() { return imageBytes; }
    @Override public long seed() { return seed; }

    /** A reset pin that records what was done to it. */
    static class BenchResetLine implements ResetLine {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean held;

        @Override public void hold() { held = true; events.add("hold"); }
        @Override public void release() { held = false; events.add("release"); }
        @Override public boolean held() { return held; }
    }
}
