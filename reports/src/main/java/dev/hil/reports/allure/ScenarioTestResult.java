package dev.hil.reports.allure;

import dev.hil.core.scenario.Scenario;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.util.ResultsUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** The Allure result a scenario case starts with: identity, labels, parameters and description. */
final class ScenarioTestResult {
    static final String EPIC = "Update robustness";
    static final String FRAMEWORK = "hil";
    static final String SEED_PARAMETER = "seed";

    private ScenarioTestResult() {
    }

    static TestResult open(Scenario scenario, String rigName, long seed) {
        return open(scenario, rigName, seed, SuiteReporting.NONE);
    }

    /** {@code reporting}: the suite's link patterns, risk classes and owner. */
    static TestResult open(Scenario scenario, String rigName, long seed, SuiteReporting reporting) {
        String file = suitePath(scenario);
        String family = family(scenario);
        Map<String, String> sweepPoint = new TreeMap<>(scenario.parameters());

        List<Label> labels = new ArrayList<>();
        labels.add(ResultsUtils.createEpicLabel(EPIC));
        labels.add(ResultsUtils.createFeatureLabel(family));
        labels.add(ResultsUtils.createStoryLabel(scenario.title()));
        labels.add(ResultsUtils.createParentSuiteLabel(rigName));
        labels.add(ResultsUtils.createSuiteLabel(family));
        scenario.traceability().requirements().forEach(r -> labels.add(ResultsUtils.createLabel("requirement", r)));
        // Allure's HTML shows tags but not custom labels: auditors see the requirements on the case page.
        scenario.traceability().requirements().forEach(r -> labels.add(ResultsUtils.createTagLabel(r)));
        scenario.traceability().risks().forEach(r -> labels.add(ResultsUtils.createLabel("risk", r)));
        labels.add(ResultsUtils.createLabel("rig", rigName));
        labels.add(ResultsUtils.createLabel("seed", Long.toString(seed)));
        labels.add(ResultsUtils.createHostLabel());
        labels.add(ResultsUtils.createThreadLabel());
        labels.add(ResultsUtils.createFrameworkLabel(FRAMEWORK));
        labels.add(ResultsUtils.createSeverityLabel(reporting.severity(scenario)));
        reporting.ownerName().ifPresent(o -> labels.add(ResultsUtils.createOwnerLabel(o)));

        List<Parameter> parameters = new ArrayList<>();
        sweepPoint.forEach((name, value) -> parameters.add(ResultsUtils.createParameter(name, value)));
        // Excluded from Allure's history key: the same sweep point under another seed is the same case over time.
        parameters.add(ResultsUtils.createParameter(SEED_PARAMETER, Long.toString(seed), true, null));

        long now = System.currentTimeMillis();
        return new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setName(scenario.id() + ": " + scenario.title())
                .setFullName(file + "#" + scenario.id())
                .setTestCaseId(scenario.id())
                .setHistoryId(historyId(scenario.id(), sweepPoint))
                .setLabels(labels)
                .setLinks(reporting.links(scenario))
                .setParameters(parameters)
                .setDescription(ScenarioDescription.of(scenario, file))
                .setStage(Stage.RUNNING)
                .setStart(now);
    }

    /** Scenario id plus the sweep point, sorted so the key does not depend on map order. */
    static String historyId(String id, Map<String, String> sweepPoint) {
        if (sweepPoint.isEmpty()) {
            return id;
        }
        return new TreeMap<>(sweepPoint).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";", id + "[", "]"));
    }

    /** The scenario file relative to the suite root, with '/' on every OS so ids match across lab hosts. */
    static String suitePath(Scenario scenario) {
        return slashed(relative(scenario));
    }

    /**
     * The family is the top folder under the suite root ({@code power/}, {@code link/}...,
     * design.md section 2); a file directly in the root takes the root folder's name.
     */
    static String family(Scenario scenario) {
        Path relative = relative(scenario);
        if (relative.getNameCount() > 1) {
            return relative.getName(0).toString();
        }
        Path rootName = scenario.suiteRoot().toAbsolutePath().normalize().getFileName();
        return rootName == null ? "scenarios" : rootName.toString();
    }

    private static Path relative(Scenario scenario) {
        Path root = scenario.suiteRoot().toAbsolutePath().normalize();
        Path file = scenario.file().toAbsolutePath().normalize();
        return file.startsWith(root) ? root.relativize(file) : file.getFileName();
    }

    static String slashed(Path path) {
        List<String> names = new ArrayList<>();
        path.forEach(p -> names.add(p.toString()));
        return String.join("/", names);
    }
}
