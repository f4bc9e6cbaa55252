package dev.hil.reports.html;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Allure command line the build unpacks from Maven Central beside hil.jar
 * ({@code scenarios/target/allure-commandline/allure-VERSION/bin/allure}); no global install.
 */
public final class AllureCommandline {
    /** Where the scenarios build unpacks it, relative to the folder holding hil.jar. */
    public static final String UNPACKED_DIR = "allure-commandline";

    private final Path launcher;

    public AllureCommandline(Path launcher) {
        this.launcher = launcher;
    }

    public Path launcher() {
        return launcher;
    }

    /**
     * Looks in {@code dir}/allure-commandline and the same under each parent up to two levels: from
     * hil.jar that is its own folder; from a test's target/classes it is target.
     */
    public static Optional<AllureCommandline> near(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        for (int up = 0; up <= 2 && d != null; up++, d = d.getParent()) {
            Path unpacked = d.resolve(UNPACKED_DIR);
            if (!Files.isDirectory(unpacked)) {
                continue;
            }
            try (Stream<Path> versions = Files.list(unpacked)) {
                Optional<Path> launcher = versions.filter(v -> v.getFileName().toString().startsWith("allure-"))
                        .sorted().map(v -> v.resolve("bin").resolve("allure")).filter(Files::isRegularFile)
                        .reduce((a, b) -> b);
                if (launcher.isPresent()) {
                    return Optional.of(new AllureCommandline(launcher.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code allure generate RESULTS... -o OUT --clean [--single-file]}; its output goes to {@code log}.
     * Several results folders merge into one report (a staged history/ folder is one of them).
     * Returns the tool's exit code.
     */
    public int generate(List<Path> results, Path out, boolean singleFile, PrintWriter log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // Through sh: an unpacked zip may have lost the launcher's execute bit.
        command.add("sh");
        command.add(launcher.toString());
        command.add("generate");
        results.forEach(r -> command.add(r.toString()));
        command.addAll(List.of("-o", out.toString(), "--clean"));
        if (singleFile) {
            command.add("--single-file");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // The JVM running hil is known to work; the launcher would otherwise look for java on PATH.
        pb.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process p = pb.start();
        p.getOutputStream().close();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.println("allure: " + line);
            }
        }
        log.flush();
        return p.waitFor();
    }
}
