package dev.hil.rigs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the Allure result files a run wrote. */
final class AllureResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> read(Path dir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).sorted().toList()) {
                out.add(JSON.readTree(f.toFile()));
            }
        }
        return out;
    }

    static String label(JsonNode result, String name) {
        for (JsonNode l : result.path("labels")) {
            if (name.equals(l.path("name").asText())) {
                return l.path("value").asText();
            }
        }
        return null;
    }

    static String testCaseId(JsonNode result) {
        return result.path("testCaseId").asText();
    }

    private AllureResults() {
    }
}
