package dev.hil.reports.allure;

import dev.hil.core.scenario.Scenario;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.model.Link;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a suite says about reporting its cases (the scenarios side reads it from the suite's
 * {@code hil-suite.yaml}): where requirement and risk ids live (URL patterns with {@code {id}}),
 * the risk class of each risk id, and who owns the suite.
 *
 * @param linkPatterns traceability kind ({@code requirement}, {@code risk}) to URL pattern
 * @param riskClasses risk id to its class: an IEC 62304 software safety class ({@code A},
 *     {@code B}, {@code C}) or an Allure severity name
 * @param owner the team or person answering for the suite's cases, or null
 */
public record SuiteReporting(Map<String, String> linkPatterns, Map<String, String> riskClasses, String owner) {
    public static final SuiteReporting NONE = new SuiteReporting(Map.of(), Map.of(), null);
    public static final String ID_PLACEHOLDER = "{id}";
    public static final String REQUIREMENT = "requirement";
    public static final String RISK = "risk";

    public SuiteReporting {
        linkPatterns = Map.copyOf(linkPatterns);
        riskClasses = Map.copyOf(riskClasses);
    }

    /** One link per requirement and risk id whose kind has a pattern, named by the id. */
    List<Link> links(Scenario scenario) {
        List<Link> links = new ArrayList<>();
        addLinks(links, REQUIREMENT, scenario.traceability().requirements());
        addLinks(links, RISK, scenario.traceability().risks());
        return links;
    }

    private void addLinks(List<Link> links, String kind, List<String> ids) {
        String pattern = linkPatterns.get(kind);
        if (pattern == null) {
            return;
        }
        for (String id : ids) {
            // Ids are free text in scenario files; encoded so an odd one cannot change the URL's shape.
            String url = pattern.replace(ID_PLACEHOLDER, URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
            links.add(new Link().setName(id).setUrl(url).setType(kind));
        }
    }

    /**
     * The severity of the scenario's most severe classified risk: a case guarding against a
     * class C hazard is the one a reviewer must look at first. Normal when no risk is classified.
     */
    SeverityLevel severity(Scenario scenario) {
        return scenario.traceability().risks().stream()
                .map(riskClasses::get)
                .flatMap(c -> severityOf(c).stream())
                .min(Comparator.comparingInt(SeverityLevel::ordinal))
                .orElse(SeverityLevel.NORMAL);
    }

    /** IEC 62304 class C (death or serious injury possible) is critical, B normal, A minor. */
    public static Optional<SeverityLevel> severityOf(String riskClass) {
        if (riskClass == null) {
            return Optional.empty();
        }
        return switch (riskClass.trim().toUpperCase(Locale.ROOT)) {
            case "C" -> Optional.of(SeverityLevel.CRITICAL);
            case "B" -> Optional.of(SeverityLevel.NORMAL);
            case "A" -> Optional.of(SeverityLevel.MINOR);
            default -> java.util.Arrays.stream(SeverityLevel.values())
                    .filter(s -> s.value().equalsIgnoreCase(riskClass.trim())).findFirst();
        };
    }

    Optional<String> ownerName() {
        return Optional.ofNullable(owner).filter(o -> !o.isBlank());
    }
}
