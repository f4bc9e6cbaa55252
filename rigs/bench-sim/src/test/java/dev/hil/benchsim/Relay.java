package dev.hil.benchsim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shipped bench-relay script. */
final class Relay {
    record Result(int code, String output, String error) {
    }

    private Relay() {
    }

    static Result run(Path gpio, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(gpio.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Sim.jar("bench.relay").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(Sim.DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bench-relay did not finish");
        }
        return new Result(p.exitValue(), out, err);
    }
}
