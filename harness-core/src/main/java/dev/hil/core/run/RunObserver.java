package dev.hil.core.run;

import dev.hil.core.scenario.Scenario;
import java.util.Map;

/** SPI for whoever keeps results (the Allure writer, the CLI progress line). */
public interface RunObserver {
    /** {@code environment}: facts about the run (rig, harness version, JVM, seed...). */
    default void runStarted(String rigName, long seed, Map<String, String> environment) {
    }

    CaseRecorder caseStarted(Scenario scenario, String rigName, long seed);

    default void runFinished() {
    }
}
