package dev.hil.reports.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Trend history carried from a previous report into the next one (Allure's documented way: the
 * previous report's {@code history/} folder inside the results). It is staged in a folder of its
 * own, given to {@code allure generate} as one more results folder, so a sealed results folder
 * is never changed.
 */
public final class ReportHistory {
    public static final String HISTORY = "history";

    private ReportHistory() {
    }

    /** Copies {@code previousReport}/history into {@code staging}/history; returns {@code staging}. */
    public static Path stage(Path previousReport, Path staging) throws IOException {
        Path from = previousReport.resolve(HISTORY);
        if (!Files.isDirectory(from)) {
            throw new IOException(previousReport + " has no " + HISTORY + "/ folder (is it an Allure report folder? "
                    + "a --single-file report keeps no history)");
        }
        Path to = staging.resolve(HISTORY);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return staging;
    }
}
