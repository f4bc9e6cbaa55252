package dev.hil.reports.allure;

import dev.hil.core.scenario.FaultSpec;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a scenario asserts, in plain words, for an auditor reading the report without the YAML
 * beside it. Built from the parsed record, so it says what was actually run.
 */
final class ScenarioDescription {
    private ScenarioDescription() {
    }

    static String of(Scenario scenario, String suitePath) {
        List<String> lines = new ArrayList<>();
        lines.add("Scenario file: " + suitePath);
        if (!scenario.traceability().requirements().isEmpty() || !scenario.traceability().risks().isEmpty()) {
            lines.add("Traces: requirements " + listOrNone(scenario.traceability().requirements())
                    + "; risks " + listOrNone(scenario.traceability().risks()) + ".");
        }
        lines.add("Given: " + given(scenario));
        lines.add("When: " + when(scenario));
        lines.add("Faults: " + faults(scenario.faults()));
        if (!scenario.parameters().isEmpty()) {
            lines.add("Sweep point: " + sorted(scenario.parameters()) + ".");
        }
        lines.add("Then: " + then(scenario));
        return String.join("\n\n", lines);
    }

    private static String given(Scenario scenario) {
        Scenario.Given given = scenario.given();
        if (given == null || given.running() == null) {
            return "the device as the rig provides it.";
        }
        String text = "the device is provisioned to run " + image(scenario, given.running());
        if (!given.state().isEmpty()) {
            text += ", with device state " + sorted(given.state());
        }
        return text + ".";
    }

    private static String when(Scenario scenario) {
        if (scenario.when() == null || scenario.when().updateImage() == null) {
            return "no update is started.";
        }
        return "an update to " + image(scenario, scenario.when().updateImage()) + " is uploaded.";
    }

    private static String faults(List<FaultSpec> faults) {
        if (faults.isEmpty()) {
            return "none (fault-free baseline).";
        }
        return faults.stream()
                .map(f -> f.kind() + " " + sorted(f.params()) + (f.mark() == null ? "" : " (line " + f.mark().line() + ")"))
                .collect(Collectors.joining("; ", "", "."));
    }

    private static String then(Scenario scenario) {
        Scenario.Then then = scenario.then();
        List<String> claims = new ArrayList<>();
        if (then.rejected()) {
            claims.add("the device must refuse the update");
        }
        if (!then.recoversTo().isEmpty()) {
            String to = then.recoversTo().stream().sorted().map(ScenarioDescription::role)
                    .collect(Collectors.joining(" or "));
            claims.add("the device must come back running " + to
                    + (then.within() == null ? "" : " within " + seconds(then.within())));
        }
        if (then.verified()) {
            claims.add("the running image's hash must match one of the expected signed images");
        }
        return claims.isEmpty() ? "nothing is asserted beyond the run completing." : String.join("; ", claims) + ".";
    }

    private static String role(ImageRole role) {
        return role == ImageRole.GIVEN ? "the given image" : "the update image";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String image(Scenario scenario, Path image) {
        Path root = scenario.suiteRoot().toAbsolutePath().normalize();
        Path file = image.toAbsolutePath().normalize();
        return ScenarioTestResult.slashed(file.startsWith(root) ? root.relativize(file) : file.getFileName());
    }

    private static String listOrNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }

    /** Maps printed with sorted keys (nested too), so the text is the same on every run. */
    private static String sorted(Map<String, ?> map) {
        return new TreeMap<>(map).entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Map<?, ?> m ? sorted(stringKeys(m)) : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
