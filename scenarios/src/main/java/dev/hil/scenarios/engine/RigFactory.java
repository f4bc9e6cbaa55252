package dev.hil.scenarios.engine;

import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigAssembly;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens a rig from its description through the board and protocol providers on the classpath ({@link RigAssembly}). */
public final class RigFactory {
    private RigFactory() {
    }

    /** @param stateDir where this rig keeps device state (a process device's flash) */
    public static Rig open(RigSpec spec, Path stateDir) {
        try {
            return RigAssembly.load().open(spec, stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open rig " + spec.name() + ": " + e.getMessage(), e);
        }
    }
}
