package dev.hil.scenarios.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium in headless mode, each call with a fresh profile, no network chatter and no
 * sandbox (CI runs as root). {@code --virtual-time-budget} lets the page's scripts run to the end
 * on virtual time before the DOM is dumped, so no wall-clock wait decides the outcome.
 */
final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    private final Path executable;
    private final Path profiles;

    private HeadlessChromium(Path executable, Path profiles) {
        this.executable = executable;
        this.profiles = profiles;
    }

    static Optional<HeadlessChromium> find(Path profiles) {
        return NAMES.stream().map(ReportCommand::onPath).flatMap(Optional::stream).findFirst()
                .map(p -> new HeadlessChromium(p, profiles));
    }

    String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=15000", "--dump-dom", url));
    }

    /** A PNG of the page, for people to look at (the test asserts on the DOM, not on pixels). */
    void screenshot(String url, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--virtual-time-budget=15000", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url));
    }

    private String run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(profiles, "profile");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile));
        command.addAll(args);
        Path stdout = Files.createTempFile(profiles, "stdout", ".html");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // A guard against a hung browser, not a timing assertion: virtual time makes the page finish.
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not exit: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + command);
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
