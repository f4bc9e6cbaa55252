package dev.hil.scenarios.engine;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;

/** A scenario file found in a folder that needs what the rig lacks: reported skipped with the reason, never run. */
final class SkippedScenarioDescriptor extends AbstractTestDescriptor {
    private final String reason;

    SkippedScenarioDescriptor(UniqueId parent, SuitePreflight.Skipped skipped) {
        super(parent.append("skipped", skipped.id()), skipped.id() + ": " + skipped.title(),
                FileSource.from(skipped.file().toFile()));
        this.reason = skipped.reason();
    }

    String reason() {
        return reason;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
