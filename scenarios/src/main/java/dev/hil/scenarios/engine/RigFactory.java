package dev.hil.scenarios.engine;

import dev.hil.core.device.Device;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.Rig;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.process.ProcessRig;
import dev.hil.drivers.qemu.QemuLaunch;
import dev.hil.drivers.qemu.QemuRig;
import dev.hil.drivers.smp.SmpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Builds a rig from its description: the device kind picks the driver, the protocol the client. */
public final class RigFactory {
    /** Short enough that polling a booting device stays fine-grained; ample for one SMP exchange. */
    private static final Duration SMP_REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int SMP_RETRIES = 2;
    private static final int SMP_CHUNK = 256;

    private RigFactory() {
    }

    /** @param stateDir where this rig keeps device state (a process device's flash) */
    public static Rig open(RigSpec spec, Path stateDir) {
        if ("qemu".equals(spec.device().kind())) {
            return openQemu(spec, stateDir);
        }
        Function<SerialLink, Device> protocol = switch (spec.protocol()) {
            case "smp" -> link -> new SmpClient(link, SMP_REQUEST_TIMEOUT, SMP_RETRIES, SMP_CHUNK);
            default -> throw new IllegalArgumentException(spec.file() + ": protocol '" + spec.protocol()
                    + "' has no driver for device kind '" + spec.device().kind()
                    + "' in this harness version (available: smp; uboot with kind qemu)");
        };
        try {
            return switch (spec.device().kind()) {
                case "process" -> ProcessRig.open(spec, stateDir, protocol);
                default -> throw new IllegalArgumentException(spec.file() + ": device kind '" + spec.device().kind()
                        + "' has no driver in this harness version (available: process, qemu)");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open rig " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** U-Boot on QEMU: the board boots {@code device.firmware} with {@code device.environment} as its factory environment. */
    private static Rig openQemu(RigSpec spec, Path stateDir) {
        if (!"uboot".equals(spec.protocol())) {
            throw new IllegalArgumentException(spec.file() + ": device kind 'qemu' speaks protocol uboot, not '"
                    + spec.protocol() + "'");
        }
        RigSpec.DeviceSpec d = spec.device();
        if (d.environment() == null) {
            throw new IllegalArgumentException(spec.file() + ": a qemu device needs device.environment (its A/B scripts)");
        }
        Path firmware = d.firmware() != null ? d.firmware() : QemuLaunch.DEBIAN_UBOOT;
        try {
            return QemuRig.open(spec, stateDir, firmware, d.environment());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open rig " + spec.name() + ": " + e.getMessage(), e);
        }
    }
}
