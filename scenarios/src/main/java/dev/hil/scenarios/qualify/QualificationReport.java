package dev.hil.scenarios.qualify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool-validation record (21 CFR 820.70(i), IEC 62304 section 5.1.11 / 8, ISO 13485 section
 * 4.1.6): per device mode what was expected and what happened, the tool's identity and environment,
 * as {@code qualification.json} (for tools), {@code qualification.csv} (for spreadsheets) and
 * {@code qualification.html} (for the reviewer who signs it).
 *
 * @param facts tool identity and environment, in display order
 * @param verdicts one per device mode, the correct device first
 */
public record QualificationReport(Map<String, String> facts, List<Verdict> verdicts) {
    public static final String JSON = "qualification.json";
    public static final String CSV = "qualification.csv";
    public static final String HTML = "qualification.html";
    static final String INTENDED_USE = "Detect, on the reference virtual device, firmware-update behaviour that breaks a"
            + " property stated by the library scenarios, without reporting failures on a correct device.";

    public QualificationReport {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        verdicts = List.copyOf(verdicts);
    }

    public boolean qualified() {
        return !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::met);
    }

    public String outcome() {
        return qualified() ? "QUALIFIED: every expectation met"
                : "NOT QUALIFIED: " + verdicts.stream().filter(v -> !v.met()).count() + " of " + verdicts.size()
                        + " expectations not met";
    }

    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(JSON), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json()));
        Files.writeString(dir.resolve(CSV), csv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML), html(), StandardCharsets.UTF_8);
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("intendedUse", INTENDED_USE);
        root.put("qualified", qualified());
        root.put("outcome", outcome());
        root.put("facts", facts);
        List<Map<String, Object>> modes = new ArrayList<>();
        for (Verdict v : verdicts) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", v.mode().name());
            m.put("defect", v.mode().defect().map(d -> d.flag()).orElse(null));
            m.put("expected", v.expected());
            m.put("actual", v.actual());
            m.put("met", v.met());
            m.put("caughtBy", v.catcher().map(CaseOutcome::id).orElse(null));
            m.put("failureCode", v.catcher().map(CaseOutcome::code).orElse(null));
            m.put("failureMessage", v.catcher().map(CaseOutcome::message).orElse(null));
            m.put("notPassed", v.notPassed().stream().map(c -> Map.of("id", c.id(), "status", c.status(),
                    "message", c.message())).toList());
            m.put("results", v.mode().name() + "/results");
            modes.add(m);
        }
        root.put("modes", modes);
        return root;
    }

    String csv() {
        StringBuilder b = new StringBuilder("mode,defect,expected,actual,met,caught_by,failure_code,failure_message,results\n");
        for (Verdict v : verdicts) {
            b.append(String.join(",", List.of(cell(v.mode().name()), cell(v.mode().defect().map(d -> d.flag()).orElse("")),
                    cell(v.expected()), cell(v.actual()), v.met() ? "yes" : "no",
                    cell(v.catcher().map(CaseOutcome::id).orElse("")),
                    cell(v.catcher().map(CaseOutcome::code).orElse("")),
                    cell(v.catcher().map(CaseOutcome::message).orElse("")), cell(v.mode().name() + "/results"))))
                    .append('\n');
        }
        return b.toString();
    }

    /** RFC 4180 quoting; a leading formula character is defused so a spreadsheet shows, not runs, it. */
    private static String cell(String s) {
        String text = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hil tool qualification</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".met{background:#dfd}.unmet{background:#fdd}</style></head><body>\n")
                .append("<h1>hil tool qualification</h1>\n<p><b>").append(esc(outcome())).append("</b></p>\n")
                .append("<p>Intended use: ").append(esc(INTENDED_USE)).append("</p>\n")
                .append("<h2>Expectations</h2>\n<table><tr><th>device mode</th><th>expected</th><th>actual</th>")
                .append("<th>met</th><th>results</th></tr>\n");
        for (Verdict v : verdicts) {
            String results = v.mode().name() + "/results";
            b.append("<tr class=\"").append(v.met() ? "met" : "unmet").append("\"><td>").append(esc(v.mode().name()))
                    .append("</td><td>").append(esc(v.expected())).append("</td><td>").append(esc(v.actual()))
                    .append("</td><td>").append(v.met() ? "yes" : "NO").append("</td><td><a href=\"")
                    .append(esc(results)).append("\">").append(esc(results)).append("</a></td></tr>\n");
        }
        b.append("</table>\n<h2>Tool and environment</h2>\n<table>\n");
        facts.forEach((k, v) -> b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n"));
        b.append("</table>\n<p>The folder is sealed: <code>hil evidence verify DIR</code> checks evidence/manifest.txt")
                .append(" and its signature.</p>\n</body></html>\n");
        return b.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
