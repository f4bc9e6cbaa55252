package dev.hil.core.rig;

import dev.hil.core.image.TrustKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What every rig takes from its description file: name, source, trust key, budgets, phases. */
public abstract class DescribedRig implements Rig {
    protected final RigSpec spec;
    private TrustKey trust; // guarded by this; loaded on first use (the key may be generated late)
    private boolean closed; // guarded by this

    protected DescribedRig(RigSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Path source() {
        return spec.file();
    }

    @Override
    public synchronized TrustKey trust() {
        if (trust == null) {
            try {
                trust = TrustKey.load(spec.trustKey());
            } catch (IOException e) {
                throw new UncheckedIOException(spec.file() + ": trust key " + spec.trustKey() + ": " + e.getMessage(), e);
            }
        }
        return trust;
    }

    @Override
    public Duration bootBudget() {
        return spec.bootBudget();
    }

    @Override
    public Map<String, String> phases() {
        return spec.phases();
    }

    @Override
    public ProvisionSpec provisioning() {
        return spec.provision();
    }

    /** Erasing flash under a running device would be a test of nothing: refused unless it is off. */
    protected final void requirePoweredOff(boolean deviceRunning) {
        if (deviceRunning) {
            throw new IllegalStateException("rig " + name() + ": erase needs the device powered off");
        }
    }

    /**
     * Closes the rig's parts in the order given (null parts skipped), every one even when an earlier
     * one fails, and only the first time: close may come again from a failure path or a shutdown
     * hook. The failures are thrown together, the first as the cause.
     */
    protected final void closeInOrder(AutoCloseable... parts) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        OrderedClose.closeAll("rig " + name(), parts);
    }

    /**
     * For a rig's open() that failed half-way: closes what it had opened (listed last-opened first),
     * with their failures added to {@code failure}, which the caller then throws.
     */
    protected static void closeOpened(Exception failure, List<? extends AutoCloseable> opened) {
        OrderedClose.closeOpened(failure, opened);
    }
}
