package dev.hil.scenarios.engine;

import dev.hil.scenarios.file.PhaseSweep;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * A sweep over every occurrence of a phase: a container whose tests (the reference run, then one
 * per counted occurrence) are registered while it runs, because the count comes from the device.
 */
final class PhaseSweepDescriptor extends AbstractTestDescriptor {
    private final PhaseSweep sweep;

    PhaseSweepDescriptor(UniqueId parent, PhaseSweep sweep) {
        super(parent.append("sweep", sweep.id()), sweep.id() + ": " + sweep.title() + " (every " + sweep.phase() + ")",
                FileSource.from(sweep.reference().file().toFile()));
        this.sweep = sweep;
    }

    PhaseSweep sweep() {
        return sweep;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public boolean mayRegisterTests() {
        return true;
    }
}
