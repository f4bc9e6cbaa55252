package dev.hil.reports.allure;

import dev.hil.core.storage.AtomicFile;
import io.qameta.allure.util.ResultsUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** {@code environment.properties}: the facts about a run that Allure shows on the report's front page. */
final class RunEnvironment {
    static final String FILE_NAME = "environment.properties";

    private RunEnvironment() {
    }

    /** The runner's facts, plus JVM, OS and host unless the runner already named them. */
    static Map<String, String> facts(Map<String, String> given) {
        Map<String, String> facts = new LinkedHashMap<>(given);
        facts.putIfAbsent("java.version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        facts.putIfAbsent("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        facts.putIfAbsent("hostname", ResultsUtils.getHostName());
        return facts;
    }

    static void write(Path resultsDir, Map<String, String> given) {
        Properties properties = new Properties();
        facts(given).forEach((k, v) -> properties.setProperty(k, v == null ? "" : v));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            // The stream form escapes non-Latin-1 as \\uXXXX, which is what Allure's Properties.load expects.
            properties.store(raw, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // store() writes a date comment and hash order; drop the one and sort the other for stable diffs.
        String sorted = Arrays.stream(raw.toString(StandardCharsets.ISO_8859_1).split("\\R"))
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        AtomicFile.write(resultsDir.resolve(FILE_NAME), sorted.getBytes(StandardCharsets.ISO_8859_1));
    }
}
