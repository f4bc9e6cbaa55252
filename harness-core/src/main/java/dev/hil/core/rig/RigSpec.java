package dev.hil.core.rig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, validated rig file (design.md section 5). Relative paths in the file were resolved
 * against {@link #root()}; {@code ${state}} and {@code ${trust}} in the command are left for the
 * rig to substitute at power-on.
 */
public record RigSpec(Path file, Path root, String name, DeviceSpec device, String protocol, PowerSpec power,
                      Path trustKey, Duration bootBudget, Map<String, String> phases, DeviceProfile profile,
                      ProvisionSpec provision, Duration portBudget, SafeState safeState) {
    /** How long a board's port may take to come back after power-on unless the rig file says. */
    public static final Duration DEFAULT_PORT_BUDGET = Duration.ofSeconds(5);

    /** A rig the harness launches itself: erased flash per case, no profile, default budgets and safe state. */
    public RigSpec(Path file, Path root, String name, DeviceSpec device, String protocol, PowerSpec power,
                   Path trustKey, Duration bootBudget, Map<String, String> phases) {
        this(file, root, name, device, protocol, power, trustKey, bootBudget, phases, DeviceProfile.UNKNOWN,
                ProvisionSpec.ERASE, DEFAULT_PORT_BUDGET, SafeState.OFF);
    }

    /** The same rig with another device description. */
    public RigSpec withDevice(DeviceSpec newDevice) {
        return new RigSpec(file, root, name, newDevice, protocol, power, trustKey, bootBudget, phases, profile,
                provision, portBudget, safeState);
    }

    /** The same rig with another protocol. */
    public RigSpec withProtocol(String newProtocol) {
        return new RigSpec(file, root, name, device, newProtocol, power, trustKey, bootBudget, phases, profile,
                provision, portBudget, safeState);
    }

    /** The same rig with another power description. */
    public RigSpec withPower(PowerSpec newPower) {
        return new RigSpec(file, root, name, device, protocol, newPower, trustKey, bootBudget, phases, profile,
                provision, portBudget, safeState);
    }

    /** The same rig provisioned another way. */
    public RigSpec withProvision(ProvisionSpec newProvision) {
        return new RigSpec(file, root, name, device, protocol, power, trustKey, bootBudget, phases, profile,
                newProvision, portBudget, safeState);
    }

    public RigSpec {
        phases = Map.copyOf(phases);
        profile = profile == null ? DeviceProfile.UNKNOWN : profile;
        provision = provision == null ? ProvisionSpec.ERASE : provision;
        portBudget = portBudget == null ? DEFAULT_PORT_BUDGET : portBudget;
        safeState = safeState == null ? SafeState.OFF : safeState;
    }

    /**
     * What the rig file itself wires and maps: a reset line, its phases. What the update protocol
     * can read (an image list with slot hashes) its protocol provider offers.
     */
    public Set<RigCapability> wiredCapabilities() {
        Set<RigCapability> offered = new HashSet<>();
        phases.keySet().forEach(p -> offered.add(RigCapability.phase(p)));
        if (power != null && power.hasResetLine()) {
            offered.add(RigCapability.resetLine());
        }
        if (power != null && power.hasBootModeLine()) {
            offered.add(RigCapability.bootModeLine());
        }
        profile.slot().ifPresent(size -> offered.add(RigCapability.slotSize()));
        profile.sector().ifPresent(size -> offered.add(RigCapability.sectorSize()));
        return offered;
    }

    /**
     * {@code kind}: process | serial | qemu. {@code serial}: "pty" (harness bridges the process's
     * stdio to a pseudo-terminal) or a port path. {@code baud}: bits per second the UART is paced at,
     * 0 for unlimited. {@code firmware}, {@code environment} (qemu): the boot loader for flash
     * bank 0 and its factory environment file, resolved against the root; null elsewhere.
     */
    public record DeviceSpec(String kind, List<String> command, String serial, int baud, Path firmware,
                             Path environment, PortSpec port) {
        public DeviceSpec {
            command = List.copyOf(command);
        }

        public DeviceSpec(String kind, List<String> command, String serial, int baud, Path firmware,
                          Path environment) {
            this(kind, command, serial, baud, firmware, environment, null);
        }

        /** The same device with its UART paced at another baud (0 = unlimited). */
        public DeviceSpec withBaud(int newBaud) {
            return new DeviceSpec(kind, command, serial, newBaud, firmware, environment, port);
        }

        /** The same device on another port (a bench fixture that makes its port at run time). */
        public DeviceSpec withPort(PortSpec newPort) {
            return new DeviceSpec(kind, command, serial, baud, firmware, environment, newPort);
        }

        /** A device without boot firmware or environment files of its own (process, serial). */
        public DeviceSpec(String kind, List<String> command, String serial, int baud) {
            this(kind, command, serial, baud, null, null, null);
        }
    }

    /**
     * A board's serial port ({@code kind: serial}): its path, preferably a {@code /dev/serial/by-id/}
     * link that survives re-enumeration; parity (none, even, odd) and flow control (none, rts-cts,
     * xon-xoff). {@code log}: where the board's log is read (a second UART or a file), null when
     * the board has none apart from the port.
     */
    public record PortSpec(Path path, String parity, String flowControl, Path log) {
        public PortSpec {
            parity = parity == null ? "none" : parity;
            flowControl = flowControl == null ? "none" : flowControl;
        }
    }

    /**
     * {@code kind}: pi4j. {@code provider}: mock | gpiod | linuxfs. {@code activeHigh}: pin level that means "on".
     * {@code reset}: the output wired to the device's reset pin, driven through the same provider;
     * null when the rig has none.
     */
    public record PowerSpec(String kind, String provider, int pin, boolean activeHigh, ResetSpec reset,
                            BenchWiring wiring) {
        /** A supply pin without a reset line. */
        public PowerSpec(String kind, String provider, int pin, boolean activeHigh) {
            this(kind, provider, pin, activeHigh, null, BenchWiring.NONE);
        }

        public PowerSpec(String kind, String provider, int pin, boolean activeHigh, ResetSpec reset) {
            this(kind, provider, pin, activeHigh, reset, BenchWiring.NONE);
        }

        public PowerSpec {
            wiring = wiring == null ? BenchWiring.NONE : wiring;
            if (reset != null && reset.pin() == pin && "pi4j".equals(kind)) {
                throw new IllegalArgumentException("reset pin " + reset.pin() + " is the power pin");
            }
        }

        /** The reset line, if the rig wires one as a GPIO pin. */
        public Optional<ResetSpec> resetLine() {
            return Optional.ofNullable(reset);
        }

        /** A reset line of any driver: a GPIO pin or the command driver's hold/release commands. */
        public boolean hasResetLine() {
            return reset != null || wiring.command().resetHold().size() > 0;
        }

        /** A boot-mode line of any driver. */
        public boolean hasBootModeLine() {
            return wiring.bootMode() != null || wiring.command().bootModeHold().size() > 0;
        }
    }

    /**
     * The GPIO output on the device's reset pin. {@code activeHigh}: the pin level that holds the
     * device in reset (most reset inputs are active low).
     */
    public record ResetSpec(int pin, boolean activeHigh) {
    }
}
