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
    static final Path DEVICE_JAR = ROOT.resolve("device-drivers/target/virtual-device.jar");

    record Result(int exit, String output) {
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
        String rig = Files.readString(ROOT.resolve("rigs/virtual.yaml"));
        rig = rig.replace("root: ..", "root: " + ROOT).replace("name: virtual", "name: " + name);
        StringBuilder extra = new StringBuilder();
        for (String a : deviceArgs) {
            extra.append(", ").append(a);
        }
        rig = rig.replace("--trust, \"${trust}\"]", "--trust, \"${trust}\"" + extra + "]");
        if (!rig.contains(extra)) {
            throw new IllegalStateException("rigs/virtual.yaml changed shape; cannot add " + extra);
        }
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, rig);
        return file;
    }

    private HilProcess() {
    }
}
