package dev.hil.reports.allure;

import dev.hil.core.storage.AtomicFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code categories.json}: sorts non-passing cases into the three kinds a reviewer acts on
 * differently.
 *
 * <p>Message convention for the runner: a case that FAILED because the device was too slow for a
 * stated time budget (recovery, boot, verify) says so with the word {@code budget} in its message
 * (e.g. "did not recover within the 30 s budget"); "timed out" is accepted too. Allure puts a
 * result in every category that matches, so the product-defect pattern excludes exactly what the
 * budget pattern takes, and each failure lands in one category. Patterns are Java regexes matched
 * against the whole message, as Allure 2 does.
 */
final class DefectCategories {
    static final String FILE_NAME = "categories.json";

    static final String BUDGET = "Budget overrun: device too slow for a stated time budget";
    static final String PRODUCT_DEFECT = "Product defect: device broke a stated property";
    static final String HARNESS_ERROR = "Harness or rig error";

    /** Whole-message match, case-insensitive, across lines. */
    static final String BUDGET_REGEX = "(?is).*\\b(budget|timed out)\\b.*";
    static final String PRODUCT_DEFECT_REGEX = "(?is)(?!.*\\b(budget|timed out)\\b).*";

    private DefectCategories() {
    }

    static List<Map<String, Object>> definitions() {
        return List.of(
                category(BUDGET, List.of("failed"), BUDGET_REGEX),
                category(PRODUCT_DEFECT, List.of("failed"), PRODUCT_DEFECT_REGEX),
                category(HARNESS_ERROR, List.of("broken"), null));
    }

    static void write(Path resultsDir) {
        try {
            byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(definitions());
            AtomicFile.write(resultsDir.resolve(FILE_NAME), bytes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> category(String name, List<String> statuses, String messageRegex) {
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("name", name);
        category.put("matchedStatuses", statuses);
        if (messageRegex != null) {
            category.put("messageRegex", messageRegex);
        }
        return category;
    }
}
