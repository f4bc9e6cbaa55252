package dev.hil.reports.allure;

import dev.hil.core.storage.AtomicFile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code executor.json}: who ran the suite. Lab CI runs nightly, so the report links back to the
 * build that produced it when the usual CI variables are set.
 */
record ExecutorInfo(String name, String type, String url, Long buildOrder, String buildName, String buildUrl) {
    static final String FILE_NAME = "executor.json";
    static final String NAME = "hil";

    static ExecutorInfo fromEnvironment(Map<String, String> env) {
        if (present(env, "GITHUB_ACTIONS") || present(env, "GITHUB_RUN_ID")) {
            String repo = trimSlash(env.getOrDefault("GITHUB_SERVER_URL", "https://github.com")) + "/"
                    + env.getOrDefault("GITHUB_REPOSITORY", "");
            String runNumber = env.get("GITHUB_RUN_NUMBER");
            String buildName = join(env.get("GITHUB_WORKFLOW"), runNumber);
            String buildUrl = present(env, "GITHUB_RUN_ID") ? repo + "/actions/runs/" + env.get("GITHUB_RUN_ID") : null;
            return new ExecutorInfo(NAME, "github", repo, number(runNumber), buildName, buildUrl);
        }
        if (present(env, "BUILD_URL") || present(env, "JENKINS_URL") || present(env, "BUILD_NUMBER")) {
            String buildNumber = env.get("BUILD_NUMBER");
            String type = present(env, "JENKINS_URL") ? "jenkins" : "ci";
            return new ExecutorInfo(NAME, type, env.get("JENKINS_URL"), number(buildNumber),
                    join(env.get("JOB_NAME"), buildNumber), env.get("BUILD_URL"));
        }
        if (present(env, "CI")) {
            return new ExecutorInfo(NAME, "ci", null, null, null, null);
        }
        return new ExecutorInfo(NAME, "local", null, null, null, null);
    }

    void write(Path resultsDir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("type", type);
        putIfSet(json, "url", url);
        putIfSet(json, "buildOrder", buildOrder);
        putIfSet(json, "buildName", buildName);
        putIfSet(json, "buildUrl", buildUrl);
        try {
            byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
            AtomicFile.write(resultsDir.resolve(FILE_NAME), bytes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfSet(Map<String, Object> json, String key, Object value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    private static boolean present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    /** "nightly #42", or whichever half is known. */
    private static String join(String job, String number) {
        if (job == null && number == null) {
            return null;
        }
        if (job == null) {
            return "#" + number;
        }
        return number == null ? job : job + " #" + number;
    }

    /** Allure orders builds by a number; a non-numeric build id simply leaves the order unset. */
    private static Long number(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
