package dev.hil.benchsim;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Watches the lines' value files: woken by the WatchService (inotify on Linux) for low latency,
 * and reading every line anyway at least every {@code pollMillis} in case an event is missed or
 * coalesced. Each change is reported with the nanoTime at which the new level was read.
 */
final class LineWatch {
    /** Told about each level change, on the watch thread, in the order seen. */
    interface Listener {
        void changed(LineSpec line, int level, long seenNanos);
    }

    private final GpioTree tree;
    private final List<LineSpec> lines;
    private final long pollMillis;
    private final Map<LineSpec, Integer> last = new HashMap<>();

    LineWatch(GpioTree tree, List<LineSpec> lines, long pollMillis) {
        this.tree = tree;
        this.lines = lines;
        this.pollMillis = pollMillis;
    }

    /** The level each line has now (files just created, so never empty unless someone raced us: then idle). */
    Map<LineSpec, Integer> initial() {
        for (LineSpec line : lines) {
            last.put(line, tree.level(line).orElse(line.idleLevel()));
        }
        return Map.copyOf(last);
    }

    /** Watches until the thread is interrupted. */
    void run(Listener listener) throws IOException {
        try (WatchService ws = FileSystems.getDefault().newWatchService()) {
            for (LineSpec line : lines) {
                tree.folder(line).register(ws, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_CREATE);
            }
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = ws.poll(pollMillis, TimeUnit.MILLISECONDS);
                while (key != null) {
                    key.pollEvents(); // which file changed does not matter: every line is read below
                    key.reset();
                    key = ws.poll();
                }
                scan(listener);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scan(Listener listener) {
        for (LineSpec line : lines) {
            OptionalInt level = tree.level(line);
            long seen = System.nanoTime();
            if (level.isPresent() && level.getAsInt() != last.get(line)) {
                last.put(line, level.getAsInt());
                listener.changed(line, level.getAsInt(), seen);
            }
        }
    }
}
