package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.fault.Trigger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Fires on the first device-log line matching a regex, on the log-reading thread, so the fault
 * lands as soon as the harness can know the device reached that point.
 */
public class OnDeviceLog implements Trigger {
    private final String description;
    private final Pattern regex;
    private volatile AutoCloseable subscription;

    public OnDeviceLog(String regex) {
        this("log /" + regex + "/", regex);
    }

    protected OnDeviceLog(String description, String regex) {
        this.description = description;
        this.regex = regex == null ? null : Pattern.compile(regex);
    }

    /** The pattern to watch for on this rig. */
    protected Pattern pattern(FaultContext context) {
        return regex;
    }

    @Override
    public void arm(FaultContext context, Firing fire) {
        Pattern p = pattern(context);
        AtomicBoolean fired = new AtomicBoolean();
        subscription = context.rig().log().onLine(line -> {
            if (p.matcher(line).find() && fired.compareAndSet(false, true)) {
                fire.fire("device log: " + line + " (" + context.rig().link().imageBytesWritten()
                        + " image bytes written)");
            }
        });
    }

    @Override
    public void disarm() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // an unsubscribe cannot fail in a way the scenario could act on
            }
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
