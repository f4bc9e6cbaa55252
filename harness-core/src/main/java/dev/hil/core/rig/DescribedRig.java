package dev.hil.core.rig;

import dev.hil.core.image.TrustKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What every rig takes from its description file: name, source, trust key, budgets, phases. */
public abstract class DescribedRig implements Rig {
    protected final RigSpec spec;
    private TrustKey trust; // guarded by this; loaded on first use (the key may be generated late)

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
}
