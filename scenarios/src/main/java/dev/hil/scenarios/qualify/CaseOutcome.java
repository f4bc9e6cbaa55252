package dev.hil.scenarios.qualify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of a library run as its Allure result states it: the record qualification judges.
 * {@code code}: the failure code (label {@value #FAILURE_CODE_LABEL}), empty when the case passed.
 */
public record CaseOutcome(String id, String status, String code, String message) {
    public static final String FAILURE_CODE_LABEL = "failure-code";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    public boolean passed() {
        return PASSED.equals(status);
    }

    /**
     * Every {@code *-result.json} in an Allure results folder. The results, not the run's exit
     * code or console, are what auditors keep, so the verdict is drawn from the same files.
     */
    public static List<CaseOutcome> read(Path resultsDir) throws IOException {
        List<CaseOutcome> outcomes = new ArrayList<>();
        if (!Files.isDirectory(resultsDir)) {
            return outcomes;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(resultsDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode n = json.readTree(f.toFile());
                String id = n.path("testCaseId").asText(n.path("name").asText());
                // Sweep points share a test case id; the history id names the point.
                String point = n.path("historyId").asText(id);
                String code = label(n, FAILURE_CODE_LABEL);
                String message = n.path("statusDetails").path("message").asText("");
                // The message starts with the code for Allure's categories; here the code has its own field.
                if (!code.isEmpty() && message.startsWith(code + ": ")) {
                    message = message.substring(code.length() + 2);
                }
                outcomes.add(new CaseOutcome(point.startsWith(id) ? point : id, n.path("status").asText("unknown"), code,
                        message));
            }
        }
        outcomes.sort(Comparator.comparing(CaseOutcome::id));
        return outcomes;
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (name.equals(l.path("name").asText())) {
                return l.path("value").asText("");
            }
        }
        return "";
    }
}
