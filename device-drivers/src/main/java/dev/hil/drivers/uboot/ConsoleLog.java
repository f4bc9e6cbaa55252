package dev.hil.drivers.uboot;

import dev.hil.core.link.LinkTap;
import dev.hil.core.rig.DeviceLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The device log of a board whose only voice is its console: every byte read from the UART,
 * cut into lines at '\n' ('\r' dropped). Installed as a tap on the serial link, so it sees what
 * any reader of the link reads, including bytes thrown away by {@code discardInput}. A line
 * reaches listeners when its '\n' has been read, which is when somebody reads the link: the log
 * lags by however long the console sits unread.
 */
public final class ConsoleLog implements DeviceLog, LinkTap {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<String> copy = new ArrayList<>();
    private final Clock clock;

    public ConsoleLog() {
        this(Clock.systemUTC());
    }

    public ConsoleLog(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AutoCloseable onLine(Consumer<String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void onRead(byte[] data, int off, int len) {
        List<String> complete = new ArrayList<>();
        synchronized (partial) {
            for (int i = off; i < off + len; i++) {
                byte b = data[i];
                if (b == '\n') {
                    complete.add(partial.toString(StandardCharsets.ISO_8859_1));
                    partial.reset();
                } else if (b != '\r') {
                    partial.write(b);
                }
            }
        }
        for (String line : complete) {
            emit(line);
        }
    }

    /**
     * The unterminated tail (a prompt, a progress line cut by power loss) as a line of its own;
     * call when the console goes away so the last words of a dying board are not lost.
     */
    public void flush() {
        String rest;
        synchronized (partial) {
            if (partial.size() == 0) {
                return;
            }
            rest = partial.toString(StandardCharsets.ISO_8859_1);
            partial.reset();
        }
        emit(rest);
    }

    private void emit(String line) {
        synchronized (copy) {
            copy.add(clock.instant() + " " + line);
        }
        for (Consumer<String> l : listeners) {
            try {
                l.accept(line);
            } catch (RuntimeException e) {
                // One broken trigger must not stop the others from seeing the log.
                synchronized (copy) {
                    copy.add(clock.instant() + " # listener " + l + " failed: " + e);
                }
            }
        }
    }

    /** Timestamped copy of every line so far, for the report attachment. */
    public List<String> lines() {
        synchronized (copy) {
            return List.copyOf(copy);
        }
    }
}
