package dev.hil.scenarios.qualify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which harness was qualified: the Maven version from the jar manifest and, where the tool runs
 * from a git checkout, the commit (with a note when tracked files differ from it, because then
 * the commit alone does not describe the tool). Git is only read, never written.
 */
public record HarnessBuild(String version, String commit) {
    public static final String UNKNOWN_COMMIT = "unknown (not a git checkout, or git not installed)";

    /** The harness this code runs from: git is asked about the folder of its jar (or classes). */
    public static HarnessBuild current() {
        Path dir = Path.of("").toAbsolutePath();
        try {
            Path code = Path.of(HarnessBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            dir = java.nio.file.Files.isDirectory(code) ? code : code.getParent();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // Unusual class loaders: fall back to the working directory, where ./hil runs.
        }
        return of(dir);
    }

    public static HarnessBuild of(Path projectRoot) {
        String v = HarnessBuild.class.getPackage().getImplementationVersion();
        String version = v != null ? v : "dev (not built as a jar)";
        String commit = git(projectRoot, "rev-parse", "HEAD").map(head -> {
            // diff-index does not refresh the index (git status would write it); exit 1 = differences.
            Optional<Integer> dirty = gitExit(projectRoot, "diff-index", "--quiet", "HEAD", "--");
            return dirty.filter(e -> e == 1).isPresent() ? head + " (with uncommitted changes to tracked files)" : head;
        }).orElse(UNKNOWN_COMMIT);
        return new HarnessBuild(version, commit);
    }

    /** Facts the report and Allure's environment show (harness.version, harness.commit). */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("harness.version", version);
        facts.put("harness.commit", commit);
        return facts;
    }

    private static Optional<String> git(Path dir, String... args) {
        try {
            Process p = start(dir, args);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Integer> gitExit(Path dir, String... args) {
        try {
            Process p = start(dir, args);
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) ? Optional.of(p.exitValue()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Process start(Path dir, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
