package dev.hil.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Requirement → scenarios → outcome for one run, built from the Allure result files in a results
 * directory (so it covers every shard and rerun that wrote there), written as CSV for tools and
 * HTML for auditors. A scenario without a requirement label is listed under {@link #UNTRACED}.
 */
public final class TraceabilityMatrix {
    public static final String CSV = "traceability.csv";
    public static final String HTML = "traceability.html";
    public static final String UNTRACED = "(no requirement)";

    /** One scenario result under one requirement. {@code parameters}: sweep point, empty otherwise. */
    public record Row(String requirement, String scenario, String title, String status, String risks,
            String parameters, String resultFile) {
    }

    /** Worse first: a requirement's outcome is that of its worst scenario. */
    private static final List<String> SEVERITY = List.of("failed", "broken", "unknown", "skipped", "passed");

    private final List<Row> rows;

    private TraceabilityMatrix(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static TraceabilityMatrix fromResults(Path resultsDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(resultsDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode r;
            try {
                r = json.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                // Listed, not skipped: a matrix that silently lost a result would mislead an auditor.
                rows.add(new Row(UNTRACED, file.getFileName().toString(), "unreadable result file: "
                        + e.getOriginalMessage(), "unknown", "", "", file.getFileName().toString()));
                continue;
            }
            List<String> requirements = new ArrayList<>();
            List<String> risks = new ArrayList<>();
            for (JsonNode label : r.path("labels")) {
                String name = label.path("name").asText();
                if (name.equals("requirement")) {
                    requirements.add(label.path("value").asText());
                } else if (name.equals("risk")) {
                    risks.add(label.path("value").asText());
                }
            }
            List<String> parameters = new ArrayList<>();
            for (JsonNode p : r.path("parameters")) {
                parameters.add(p.path("name").asText() + "=" + p.path("value").asText());
            }
            String scenario = r.path("testCaseId").asText(r.path("historyId").asText(r.path("name").asText()));
            String title = r.path("name").asText();
            if (title.startsWith(scenario + ": ")) {
                title = title.substring(scenario.length() + 2);
            }
            if (requirements.isEmpty()) {
                requirements.add(UNTRACED);
            }
            for (String requirement : requirements) {
                rows.add(new Row(requirement, scenario, title, r.path("status").asText("unknown"), String.join(" ", risks),
                        String.join(", ", parameters), file.getFileName().toString()));
            }
        }
        rows.sort(Comparator.comparing((Row x) -> x.requirement().equals(UNTRACED)).thenComparing(Row::requirement)
                .thenComparing(Row::scenario).thenComparing(Row::parameters).thenComparing(Row::resultFile));
        return new TraceabilityMatrix(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** Each requirement's outcome: the worst status among its scenarios. */
    public Map<String, String> outcomes() {
        Map<String, String> outcomes = new TreeMap<>();
        for (Row r : rows) {
            outcomes.merge(r.requirement(), r.status(), (a, b) -> rank(a) <= rank(b) ? a : b);
        }
        return outcomes;
    }

    private static int rank(String status) {
        int i = SEVERITY.indexOf(status);
        return i < 0 ? SEVERITY.indexOf("unknown") : i;
    }

    /** Writes both files into {@code dir}, each replaced whole so a reader never sees half a table. */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        replace(dir.resolve(CSV), csv());
        replace(dir.resolve(HTML), html());
    }

    public String csv() {
        Map<String, String> outcomes = outcomes();
        StringBuilder sb = new StringBuilder("requirement,requirement outcome,scenario,title,status,risks,parameters,result file\r\n");
        for (Row r : rows) {
            sb.append(String.join(",", field(r.requirement()), field(outcomes.get(r.requirement())), field(r.scenario()),
                    field(r.title()), field(r.status()), field(r.risks()), field(r.parameters()), field(r.resultFile())))
                    .append("\r\n");
        }
        return sb.toString();
    }

    public String html() {
        Map<String, List<Row>> byRequirement = new LinkedHashMap<>();
        for (Row r : rows) {
            byRequirement.computeIfAbsent(r.requirement(), k -> new ArrayList<>()).add(r);
        }
        Map<String, String> outcomes = outcomes();
        long failing = outcomes.values().stream().filter(s -> !s.equals("passed")).count();
        StringBuilder sb = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Traceability matrix</title>
                <style>
                body{font-family:DejaVu Sans,Arial,sans-serif;margin:24px;color:#222}
                table{border-collapse:collapse;min-width:60%}
                th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
                th{background:#f0f3f7}
                .passed{color:#2e7d32;font-weight:bold}.failed,.broken{color:#c62828;font-weight:bold}
                .skipped,.unknown{color:#777;font-weight:bold}
                </style></head><body>
                <h1>Traceability: requirement → scenario → outcome</h1>
                """);
        sb.append("<p>").append(outcomes.size()).append(" requirements, ").append(rows.size())
                .append(" scenario results; ").append(failing).append(" requirements not passed.</p>\n");
        sb.append("<table><thead><tr><th>requirement</th><th>outcome</th><th>scenario</th><th>title</th>"
                + "<th>status</th><th>risks</th><th>parameters</th></tr></thead><tbody>\n");
        for (Map.Entry<String, List<Row>> e : byRequirement.entrySet()) {
            List<Row> group = e.getValue();
            String outcome = outcomes.get(e.getKey());
            for (int i = 0; i < group.size(); i++) {
                Row r = group.get(i);
                sb.append("<tr>");
                if (i == 0) {
                    sb.append("<td rowspan=\"").append(group.size()).append("\">").append(escape(e.getKey()))
                            .append("</td><td rowspan=\"").append(group.size()).append("\" class=\"")
                            .append(escape(outcome)).append("\">").append(escape(outcome)).append("</td>");
                }
                sb.append("<td>").append(escape(r.scenario())).append("</td><td>").append(escape(r.title()))
                        .append("</td><td class=\"").append(escape(r.status())).append("\">").append(escape(r.status()))
                        .append("</td><td>").append(escape(r.risks())).append("</td><td>").append(escape(r.parameters()))
                        .append("</td></tr>\n");
            }
        }
        return sb.append("</tbody></table></body></html>\n").toString();
    }

    /** RFC 4180 field; a leading formula character is neutralised so a spreadsheet shows text, not a formula. */
    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void replace(Path target, String content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
