package dev.hil.drivers.process;

import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Board provider for {@code device.kind: process}: a device program behind a relay, its stdio a UART on a PTY. */
public final class ProcessBoards implements BoardProvider {
    @Override
    public String kind() {
        return "process";
    }

    @Override
    public String link() {
        return UART;
    }

    @Override
    public Board open(RigSpec spec, Path stateDir) throws IOException {
        return ProcessBoard.open(spec, stateDir);
    }
}
