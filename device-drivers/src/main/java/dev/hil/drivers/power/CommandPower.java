package dev.hil.drivers.power;

import dev.hil.core.rig.BenchWiring;
import dev.hil.core.rig.RigFault;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Power driver {@code command}: argv lists for on, off and optionally state (USB relay boards,
 * uhubctl, smart-plug CLIs), and hold/release commands for reset and boot-mode lines. Each runs
 * with the rig root as working directory; an exit code other than 0, or no exit within
 * {@link #TIMEOUT_SECONDS}, is a rig fault naming the command and what it printed.
 */
public final class CommandPower implements PowerDriver {
    static final long TIMEOUT_SECONDS = 20;

    @Override
    public String kind() {
        return "command";
    }

    @Override
    public BenchLines open(RigSpec spec) {
        BenchWiring.CommandSpec c = spec.power().wiring().command();
        if (c.on().isEmpty() || c.off().isEmpty()) {
            throw new IllegalArgumentException(spec.file() + ": power kind command needs power.on and power.off");
        }
        Path dir = spec.root();
        SwitchedOutput supply = new CommandOutput("supply", c.on(), c.off(), c.state(), dir);
        return new BenchLines(supply, resetLine(spec), bootModeLine(spec), null);
    }

    /** The reset line's hold/release commands, for any driver whose supply switches elsewhere (a PDU). */
    static SwitchedOutput resetLine(RigSpec spec) {
        BenchWiring.CommandSpec c = spec.power().wiring().command();
        return c.resetHold().isEmpty() ? null
                : new CommandOutput("reset line", c.resetHold(), c.resetRelease(), List.of(), spec.root());
    }

    static SwitchedOutput bootModeLine(RigSpec spec) {
        BenchWiring.CommandSpec c = spec.power().wiring().command();
        return c.bootModeHold().isEmpty() ? null
                : new CommandOutput("boot-mode line", c.bootModeHold(), c.bootModeRelease(), List.of(), spec.root());
    }

    /** Runs one argv to its end; its output is kept for the message of a failure. */
    public static String run(String what, List<String> argv, Path dir) {
        Process p;
        try {
            p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RigFault(what + ": cannot start " + argv + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RigFault(what + ": " + argv + " did not exit within " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new RigFault(what + ": " + argv + " exited with " + p.exitValue()
                        + (out.isEmpty() ? "" : ": " + out));
            }
            return out;
        } catch (IOException e) {
            throw new RigFault(what + ": " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RigFault(what + ": interrupted while running " + argv, e);
        }
    }

    /** A line switched by two commands, read back by a third where the rig gives one. */
    private static final class CommandOutput implements SwitchedOutput {
        private final String what;
        private final List<String> activate;
        private final List<String> deactivate;
        private final List<String> state;
        private final Path dir;
        private volatile boolean active;

        CommandOutput(String what, List<String> activate, List<String> deactivate, List<String> state, Path dir) {
            this.what = what;
            this.activate = activate;
            this.deactivate = deactivate;
            this.state = state;
            this.dir = dir;
        }

        @Override
        public void drive(boolean on) {
            run(what, on ? activate : deactivate, dir);
            active = on;
        }

        /** With a state command the relay's own answer ("on"/"off", or its exit code), else the last command. */
        @Override
        public boolean active() {
            if (state.isEmpty()) {
                return active;
            }
            String out = run(what + " state", state, dir).toLowerCase(java.util.Locale.ROOT);
            return out.contains("on") && !out.contains("off");
        }

        @Override
        public String describe() {
            return "command " + Path.of(activate.get(0)).getFileName();
        }

        @Override
        public void close() {
            // Nothing held between commands.
        }
    }
}
