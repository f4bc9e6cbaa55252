package dev.hil.rigs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code hil} CLI jar as a separate process from the project root. */
final class HilProcess {
    static final Path ROOT = Path.of(System.getProperty("hil.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("scenarios/target/hil.jar");
    static final Path DEVICE_JAR = ROOT.resolve("rigs/reference-device/target/virtual-device.jar");

    /**
     * The library families the virtual rig runs (the uboot family needs the U-Boot rig's phases).
     * scripts/demo.sh names the same folders.
     */
    static final List<String> VIRTUAL_LIBRARY = List.of("scenarios/library/power", "scenarios/library/link",
            "scenarios/library/security", "scenarios/library/timing");

    record Result(int exit, String output) {
    }

    /** {@code hil} arguments followed by the virtual library folders. */
    static String[] withLibrary(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(VIRTUAL_LIBRARY);
        return all.toArray(String[]::new);
    }

    /** How many cases (sweep points included) {@code hil validate} counts in the virtual library. */
    static int libraryCases(Path log) throws IOException, InterruptedException {
        return libraryCases(log, "rigs/virtual.yaml");
    }

    /** The same count on another rig file (what it can carry). */
    static int libraryCases(Path log, String rig) throws IOException, InterruptedException {
        Result r = run(log, 2, withLibrary("validate", "--rig", rig));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("OK: (\\d+) scenario case").matcher(r.output());
        if (r.exit() != 0 || !m.find()) {
            throw new AssertionError("hil validate failed:\n" + r.output());
        }
        return Integer.parseInt(m.group(1));
    }

    static Process start(Path log, String... args) throws IOException {
        if (!Files.isRegularFile(JAR) || !Files.isRegularFile(DEVICE_JAR)) {
            throw new IllegalStateException("build the jars first (mvn verify runs package before these tests): "
                    + JAR + ", " + DEVICE_JAR);
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static Result run(Path log, long timeoutMinutes, String... args) throws IOException, InterruptedException {
        Process p = start(log, args);
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("hil did not finish within " + timeoutMinutes + " min; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** A copy of rigs/virtual.yaml for tests: absolute root, a new name, extra device arguments. */
    static Path virtualRigVariant(Path dir, String name, String... deviceArgs) throws IOException {
        return virtualRigVariant(dir, name, false, deviceArgs);
    }

    /**
     * The same, optionally with an unpaced UART: for runs that check what the device does, not how
     * long 115200 baud takes (the library run on the real rig file keeps the pacing honest).
     */
    static Path virtualRigVariant(Path dir, String name, boolean unpaced, String... deviceArgs) throws IOException {
        return rigVariant(dir, "rigs/virtual.yaml", name, unpaced, deviceArgs);
    }

    /** A test copy of another rig file of the reference device (e.g. rigs/virtual-zephyr.yaml). */
    static Path rigVariant(Path dir, String source, String name, boolean unpaced, String... deviceArgs)
            throws IOException {
        String rig = Files.readString(ROOT.resolve(source));
        rig = rig.replace("root: ..", "root: " + ROOT).replaceFirst("(?m)^name: .*$", "name: " + name);
        if (unpaced) {
            String paced = rig;
            rig = rig.replaceFirst("baud: 115200", "baud: unlimited");
            if (rig.equals(paced)) {
                throw new IllegalStateException(source + " has no 'baud: 115200' to unpace");
            }
        }
        StringBuilder extra = new StringBuilder();
        for (String a : deviceArgs) {
            extra.append(", ").append(a);
        }
        String withExtra = rig.replaceFirst("(command: \\[[^\\]]*)\\]", "$1" + java.util.regex.Matcher.quoteReplacement(
                extra.toString()) + "]");
        if (extra.length() > 0 && withExtra.equals(rig)) {
            throw new IllegalStateException(source + " changed shape; cannot add " + extra);
        }
        rig = withExtra;
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, rig);
        return file;
    }

    private HilProcess() {
    }
}
