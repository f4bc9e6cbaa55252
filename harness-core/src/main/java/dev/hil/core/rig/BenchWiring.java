package dev.hil.core.rig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a real bench adds to the power description: where the linuxfs GPIO tree is ({@code gpio},
 * default /sys/class/gpio), a boot-mode line, settle times after switching, and the argv lists of
 * the {@code command} driver or the outlet of the {@code pdudaemon} driver.
 */
public record BenchWiring(Path gpioRoot, RigSpec.ResetSpec bootMode, Duration settleOn, Duration settleOff,
                          CommandSpec command, PduSpec pdu) {
    public static final BenchWiring NONE = new BenchWiring(null, null, Duration.ZERO, Duration.ZERO,
            CommandSpec.NONE, null);

    public BenchWiring {
        settleOn = settleOn == null ? Duration.ZERO : settleOn;
        settleOff = settleOff == null ? Duration.ZERO : settleOff;
        command = command == null ? CommandSpec.NONE : command;
    }

    /**
     * The {@code command} power driver: argv lists run with the rig root as working directory.
     * {@code on}/{@code off} switch the supply; {@code cycle} (optional) does both in one go;
     * {@code state} (optional) prints on/off (or exits 0 for on, 1 for off). The line commands hold
     * and release the reset and boot-mode lines.
     */
    public record CommandSpec(List<String> on, List<String> off, List<String> cycle, List<String> state,
                              List<String> resetHold, List<String> resetRelease, List<String> bootModeHold,
                              List<String> bootModeRelease) {
        public static final CommandSpec NONE = new CommandSpec(List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());

        public CommandSpec {
            on = List.copyOf(on);
            off = List.copyOf(off);
            cycle = List.copyOf(cycle);
            state = List.copyOf(state);
            resetHold = List.copyOf(resetHold);
            resetRelease = List.copyOf(resetRelease);
            bootModeHold = List.copyOf(bootModeHold);
            bootModeRelease = List.copyOf(bootModeRelease);
        }
    }

    /**
     * The {@code pdudaemon} power driver: the daemon's HTTP API at {@code host:port}, the PDU by
     * the hostname pdudaemon's config gives it, and the outlet ("port" in pdudaemon's words).
     */
    public record PduSpec(String host, int port, String pdu, String outlet) {
    }
}
