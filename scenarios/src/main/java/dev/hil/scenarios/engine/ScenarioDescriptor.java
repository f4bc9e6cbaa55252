package dev.hil.scenarios.engine;

import dev.hil.core.scenario.Scenario;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/** One scenario case (a file, or one point of its sweep) as a JUnit test. */
final class ScenarioDescriptor extends AbstractTestDescriptor {
    private final Scenario scenario;

    ScenarioDescriptor(UniqueId parent, Scenario scenario, int line) {
        super(parent.append("scenario", scenario.id()), scenario.id() + ": " + scenario.title(),
                FileSource.from(scenario.file().toFile(), FilePosition.from(line)));
        this.scenario = scenario;
    }

    Scenario scenario() {
        return scenario;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
