package dev.hil.scenarios.qualify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code hil run} of the library in its own JVM. A separate process per mode, as an operator
 * would run it: the qualified tool is the command line, and runs of different modes share no
 * in-process state (power pins, loggers) that could mask or fake a result.
 */
public final class LibraryRun {
    /** A guard against a hung device, not a measurement: an unpaced library run takes a few minutes. */
    static final long TIMEOUT_MINUTES = 30;

    private LibraryRun() {
    }

    /**
     * Runs the library on {@code rig} into {@code dir/results}, console to {@code dir/run.log},
     * device flash under {@code state}; returns the run's exit code and case results.
     */
    public static ModeRun run(DeviceMode mode, Path rig, Path dir, Path state, long seed, List<Path> library)
            throws IOException, InterruptedException {
        Path results = dir.resolve("results");
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "dev.hil.scenarios.cli.Hil", "run", "--rig", rig.toString(), "--seed", Long.toString(seed),
                "--results", results.toString(), "--state", state.toString()));
        library.forEach(p -> cmd.add(p.toString()));
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit;
        if (p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            exit = p.exitValue();
        } else {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Files.writeString(log, "\nhil qualify: run did not finish within " + TIMEOUT_MINUTES + " min; killed\n",
                    java.nio.file.StandardOpenOption.APPEND);
            exit = -1;
        }
        return new ModeRun(mode, exit, CaseOutcome.read(results));
    }

    /** The java that runs this harness, so child runs use the same JVM the report names. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
