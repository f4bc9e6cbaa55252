package dev.hil.scenarios.cli;

import dev.hil.reports.html.AllureCommandline;
import dev.hil.reports.html.ReportHistory;
import dev.hil.reports.html.TraceabilityMatrix;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hil report}: the offline Allure HTML report of a results folder, made with the Allure
 * command line the build fetched from Maven Central, plus the run's traceability matrix beside it.
 * Exit 0 report written, 2 bad input, 3 the Allure tool is missing or failed.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Generate the Allure HTML report (offline) and the traceability matrix for a results folder.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--results", defaultValue = "target/allure-results", paramLabel = "DIR",
            description = "Allure results folder (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--out", defaultValue = "target/allure-report", paramLabel = "DIR",
            description = "Report folder, replaced whole (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--open", description = "Open the report with xdg-open when there is one, else print its path.")
    boolean open;

    @Option(names = "--single-file", description = "One self-contained index.html (opens from file://, mails as one file).")
    boolean singleFile;

    @Option(names = "--history-from", paramLabel = "REPORT",
            description = "Previous report folder whose history/ feeds the trend charts (nightly runs).")
    Path historyFrom;

    /** Where to look for the unpacked Allure command line; null: beside hil.jar (tests set it). */
    Path allureHome;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!hasResults(results)) {
            err.println("hil report: no Allure results (*-result.json) in " + results.toAbsolutePath().normalize()
                    + "; run `hil run --results DIR ...` first");
            return 2;
        }
        if (out.toAbsolutePath().normalize().equals(results.toAbsolutePath().normalize())) {
            err.println("hil report: --out must differ from --results (the report folder is replaced whole)");
            return 2;
        }
        Path searchFrom = allureHome != null ? allureHome : codeLocation();
        Optional<AllureCommandline> allure = AllureCommandline.near(searchFrom);
        if (allure.isEmpty()) {
            err.println("hil report: the Allure command line is not unpacked next to " + searchFrom + " ("
                    + AllureCommandline.UNPACKED_DIR + "/allure-*/bin/allure); build with `mvn -B -DskipTests package`");
            return 3;
        }
        List<Path> inputs = new ArrayList<>(List.of(results));
        Path staging = null;
        try {
            if (historyFrom != null) {
                staging = Files.createTempDirectory("hil-report-history");
                try {
                    inputs.add(ReportHistory.stage(historyFrom, staging));
                } catch (IOException e) {
                    err.println("hil report: --history-from: " + e.getMessage());
                    return 2;
                }
            }
            int rc = allure.get().generate(inputs, out, singleFile, stdout);
            if (rc != 0) {
                err.println("hil report: allure generate exited with " + rc + " (" + allure.get().launcher() + ")");
                return 3;
            }
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
        // Beside index.html, not in the results: those may be sealed as evidence already.
        TraceabilityMatrix.fromResults(results).writeTo(out);
        Path index = out.resolve("index.html").toAbsolutePath().normalize();
        stdout.println("report: " + index);
        stdout.println("traceability: " + out.resolve(TraceabilityMatrix.HTML).toAbsolutePath().normalize());
        if (!singleFile) {
            stdout.println("note: a multi-file report needs a web server (browsers block file:// data loads); "
                    + "use --single-file to open it from disk");
        }
        if (open) {
            openInBrowser(index, stdout);
        }
        stdout.flush();
        return 0;
    }

    private static boolean hasResults(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith("-result.json"));
        }
    }

    /** The folder of hil.jar, or target/classes when run from a build tree. */
    private static Path codeLocation() {
        try {
            Path p = Path.of(ReportCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? p.getParent() : p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate hil.jar: " + e.getMessage(), e);
        }
    }

    private static void openInBrowser(Path index, PrintWriter stdout) throws IOException, InterruptedException {
        Optional<Path> xdgOpen = onPath("xdg-open");
        if (xdgOpen.isEmpty()) {
            stdout.println("open in a browser: " + index.toUri());
            return;
        }
        // xdg-open hands over to the desktop's browser and returns; its output is not ours to show.
        Process p = new ProcessBuilder(xdgOpen.get().toString(), index.toUri().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            stdout.println("xdg-open failed; open in a browser: " + index.toUri());
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
