package dev.hil.drivers.bench;

import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Board provider for {@code device.kind: serial}: a board on a bench. The board lock lives in
 * /run/lock where it is writable (one harness per board across users' state folders), else in the
 * temp folder; {@code -Dhil.lock-dir} overrides both.
 */
public final class SerialBoards implements BoardProvider {
    @Override
    public String kind() {
        return "serial";
    }

    @Override
    public String link() {
        return UART;
    }

    @Override
    public Board open(RigSpec spec, Path stateDir) throws IOException {
        return SerialBoard.open(spec, lockDir());
    }

    static Path lockDir() {
        String set = System.getProperty("hil.lock-dir");
        if (set != null) {
            return Path.of(set);
        }
        Path run = Path.of("/run/lock");
        return Files.isDirectory(run) && Files.isWritable(run) ? run : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
