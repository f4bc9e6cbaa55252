package dev.hil.drivers.qemu;

import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.nio.file.Path;

/** Board provider for {@code device.kind: qemu}: the board boots {@code device.firmware} with {@code device.environment}. */
public final class QemuBoards implements BoardProvider {
    @Override
    public String kind() {
        return "qemu";
    }

    @Override
    public String link() {
        return UART;
    }

    @Override
    public Board open(RigSpec spec, Path stateDir) throws IOException {
        RigSpec.DeviceSpec d = spec.device();
        if (d.environment() == null) {
            throw new IllegalArgumentException(spec.file() + ": a qemu device needs device.environment (its A/B scripts)");
        }
        return QemuMachine.open(spec, stateDir, d.firmware() != null ? d.firmware() : QemuLaunch.DEBIAN_UBOOT,
                d.environment());
    }
}
