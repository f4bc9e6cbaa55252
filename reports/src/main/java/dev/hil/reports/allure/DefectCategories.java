package dev.hil.reports.allure;

import dev.hil.core.storage.AtomicFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import dev.hil.core.run.FailureCode;
import dev.hil.core.run.Status;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;

/**
 * {@code categories.json}: sorts non-passing cases into the three kinds a reviewer acts on
 * differently, by {@link FailureCode}, not by wording. Allure 2 categories can match only the status
 * and the message (a regex over the whole of it), so a case's message starts with its code
 * ({@link #message}) and each category names the codes it takes: budget overruns (the device too
 * slow for a stated budget, or silent through it), every other FAILED code as a product defect, and
 * every BROKEN case as a harness or rig error. Each failure lands in exactly one category.
 */
final class DefectCategories {
    static final String FILE_NAME = "categories.json";

    static final String BUDGET = "Budget overrun: device too slow for a stated time budget";
    static final String PRODUCT_DEFECT = "Product defect: device broke a stated property";
    static final String HARNESS_ERROR = "Harness or rig error";

    /** Codes of a device too slow for (or silent through) a time budget the scenario or rig states. */
    static final Set<FailureCode> BUDGET_CODES = EnumSet.of(FailureCode.BUDGET_OVERRUN, FailureCode.NO_ANSWER);

    static final String BUDGET_REGEX = codesRegex(BUDGET_CODES);
    static final String PRODUCT_DEFECT_REGEX = codesRegex(EnumSet.complementOf(EnumSet.copyOf(BUDGET_CODES)).stream()
            .filter(c -> c.status() == Status.FAILED).collect(Collectors.toCollection(() -> EnumSet.noneOf(FailureCode.class))));

    private DefectCategories() {
    }

    /** The status message of a failed or broken case: its code first, as the categories match it. */
    static String message(FailureCode code, String text) {
        return code.name() + ": " + text;
    }

    /** Whole-message match (Allure uses String.matches) of a message that starts with one of the codes. */
    private static String codesRegex(Set<FailureCode> codes) {
        return "(?s)(" + codes.stream().map(FailureCode::name).sorted().collect(Collectors.joining("|")) + "): .*";
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
