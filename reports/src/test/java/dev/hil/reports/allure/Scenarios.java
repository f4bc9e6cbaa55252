package dev.hil.reports.allure;

import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import dev.hil.core.scenario.SourceMark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed scenarios as the loader would hand them over, rooted in a test's temp suite. */
final class Scenarios {
    private Scenarios() {
    }

    static Scenario powerCutAtHalf(Path suiteRoot) {
        Path file = suiteRoot.resolve("power/upd-pwr-050.yaml");
        return new Scenario("UPD-PWR-050", "Power lost at 50 % of the image upload",
                new Scenario.Traceability(List.of("SRS-UPD-12", "SRS-UPD-14"), List.of("HAZ-07")),
                file, suiteRoot,
                new Scenario.Given(suiteRoot.resolve("images/app-1.0.0.signed"), Map.of("therapy", "idle")),
                new Scenario.When(suiteRoot.resolve("images/app-1.1.0.signed")),
                List.of(new FaultSpec("power-cut", Map.of("at", Map.of("transferred", "50%"), "off-for", "2s"),
                        new SourceMark(file, 7, 5))),
                new Scenario.Then(Set.of(ImageRole.GIVEN, ImageRole.UPDATE), Duration.ofSeconds(30), true, false),
                Map.of());
    }
}
