package dev.hil.scenarios.file;

import dev.hil.core.scenario.SourceMark;
import dev.hil.reports.allure.SuiteReporting;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The reporting keys of a suite's {@code hil-suite.yaml}, all optional:
 * <pre>
 * links: {requirement: "https://req.example/{id}", risk: "https://risk.example/{id}"}
 * risk-classes: {HAZ-07: C, HAZ-03: B}     # IEC 62304 class A/B/C, or an Allure severity
 * owner: V&amp;V team
 * </pre>
 * A requirement or risk id becomes an Allure link through its pattern; a case's most severe
 * classified risk sets its severity; the owner labels every case of the suite.
 */
public final class SuiteReportingFile {
    static final List<String> LINK_KINDS = List.of(SuiteReporting.REQUIREMENT, SuiteReporting.RISK);

    private SuiteReportingFile() {
    }

    /**
     * For the Allure writer: the settings of the suite rooted at {@code suiteRoot}; none when it
     * has no marker file. Settings {@link #load} rejects are left out here: input is checked
     * before a run (hil validate), and a results writer must not fail a case over a URL pattern.
     */
    public static SuiteReporting forRoot(Path suiteRoot) {
        try {
            return load(suiteRoot);
        } catch (InputError e) {
            return SuiteReporting.NONE;
        }
    }

    /** The settings, every problem reported at once (the marker file, line 1: the keys are few). */
    public static SuiteReporting load(Path suiteRoot) throws InputError {
        Path marker = suiteRoot.resolve(SuiteRoot.MARKER);
        if (!Files.isRegularFile(marker)) {
            return SuiteReporting.NONE;
        }
        Map<?, ?> doc;
        try (Reader r = Files.newBufferedReader(marker)) {
            Object loaded = new Load(LoadSettings.builder().build()).loadFromReader(r);
            doc = loaded instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException | RuntimeException e) {
            throw new InputError(new SourceMark(marker, 1, 1), "cannot read suite file: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> links = new LinkedHashMap<>();
        strings(doc.get("links"), "links", problems).forEach((kind, pattern) -> {
            if (!LINK_KINDS.contains(kind)) {
                problems.add("links: unknown kind '" + kind + "' (known: " + String.join(", ", LINK_KINDS) + ")");
            } else if (!pattern.contains(SuiteReporting.ID_PLACEHOLDER) || !pattern.matches("(?i)https?://.+")) {
                problems.add("links." + kind + ": '" + pattern + "' must be an http(s) URL containing "
                        + SuiteReporting.ID_PLACEHOLDER);
            } else {
                links.put(kind, pattern);
            }
        });
        Map<String, String> classes = strings(doc.get("risk-classes"), "risk-classes", problems);
        classes.forEach((risk, c) -> {
            if (SuiteReporting.severityOf(c).isEmpty()) {
                problems.add("risk-classes." + risk + ": '" + c + "' is not a risk class (A, B, C, or an Allure"
                        + " severity: blocker, critical, normal, minor, trivial)");
            }
        });
        Object owner = doc.get("owner");
        if (owner != null && !(owner instanceof String)) {
            problems.add("owner: must be text");
        }
        if (!problems.isEmpty()) {
            SourceMark mark = new SourceMark(marker, 1, 1);
            throw new InputError(mark, String.join("; ", problems));
        }
        return new SuiteReporting(links, classes, (String) owner);
    }

    private static Map<String, String> strings(Object node, String key, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof Map<?, ?> m)) {
            problems.add(key + ": must be a map");
            return out;
        }
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?> || v == null) {
                problems.add(key + "." + k + ": must be text");
            } else {
                out.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return out;
    }
}
