package dev.hil.scenarios.file;

import dev.hil.core.scenario.SourceMark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The scenario files a run covers: every {@code .yaml}/{@code .yml} under the given paths, sorted
 * so runs and shards are repeatable. Suite markers and anything under an {@code images} folder are
 * not scenarios (the latter holds test images and keys next to a suite).
 */
public final class SuiteScan {
    private SuiteScan() {
    }

    /** @throws InputError for each path that does not exist, at line 1 column 1 of that path */
    public static List<Path> scan(List<Path> paths) throws InputError {
        TreeSet<Path> found = new TreeSet<>();
        List<InputError> missing = new ArrayList<>();
        for (Path given : paths) {
            if (!Files.exists(given)) {
                missing.add(new InputError(new SourceMark(given, 1, 1), "no such file or directory"));
                continue;
            }
            Path start = given.toAbsolutePath().normalize();
            if (Files.isRegularFile(start)) {
                // A file named explicitly is meant as a scenario, whatever its folder.
                if (isScenarioName(start)) {
                    found.add(start);
                }
                continue;
            }
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> isScenarioName(p) && !underImages(start, p))
                        .forEach(found::add);
            } catch (IOException e) {
                missing.add(new InputError(new SourceMark(given, 1, 1), "cannot list: " + e.getMessage()));
            } catch (UncheckedIOException e) {
                // Files.walk reports unreadable sub-folders this way.
                missing.add(new InputError(new SourceMark(given, 1, 1), "cannot list: " + e.getCause().getMessage()));
            }
        }
        if (!missing.isEmpty()) {
            throw InputError.of(missing);
        }
        return List.copyOf(found);
    }

    private static boolean isScenarioName(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.equals(SuiteRoot.MARKER);
    }

    private static boolean underImages(Path start, Path file) {
        for (Path part : start.relativize(file.getParent() == null ? file : file.getParent())) {
            if (part.toString().equals("images")) {
                return true;
            }
        }
        return false;
    }
}
