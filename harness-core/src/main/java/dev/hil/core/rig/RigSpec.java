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
                      Path trustKey, Duration bootBudget, Map<String, String> phases) {
    /** The same rig with another device description. */
    public RigSpec withDevice(DeviceSpec newDevice) {
        return new RigSpec(file, root, name, newDevice, protocol, power, trustKey, bootBudget, phases);
    }

    public RigSpec {
        phases = Map.copyOf(phases);
    }

    /**
     * What the rig file itself wires and maps: a reset line, its phases. What the update protocol
     * can read (an image list with slot hashes) its protocol provider offers.
     */
    public Set<RigCapability> wiredCapabilities() {
        Set<RigCapability> offered = new HashSet<>();
        phases.keySet().forEach(p -> offered.add(RigCapability.phase(p)));
        if (power != null && power.reset() != null) {
            offered.add(RigCapability.resetLine());
        }
        return offered;
    }

    /**
     * {@code kind}: process | serial | qemu. {@code serial}: "pty" (harness bridges the process's
     * stdio to a pseudo-terminal) or a port path. {@code baud}: bits per second the UART is paced at,
     * 0 for unlimited. {@code firmware}, {@code environment} (qemu): the boot loader for flash
     * bank 0 and its factory environment file, resolved against the root; null elsewhere.
     */
    public record DeviceSpec(String kind, List<String> command, String serial, int baud, Path firmware,
                             Path environment) {
        public DeviceSpec {
            command = List.copyOf(command);
        }

        /** The same device with its UART paced at another baud (0 = unlimited). */
        public DeviceSpec withBaud(int newBaud) {
            return new DeviceSpec(kind, command, serial, newBaud, firmware, environment);
        }

        /** A device without boot firmware or environment files of its own (process, serial). */
        public DeviceSpec(String kind, List<String> command, String serial, int baud) {
            this(kind, command, serial, baud, null, null);
        }
    }

    /**
     * {@code kind}: pi4j. {@code provider}: mock | gpiod | linuxfs. {@code activeHigh}: pin level that means "on".
     * {@code reset}: the output wired to the device's reset pin, driven through the same provider;
     * null when the rig has none.
     */
    public record PowerSpec(String kind, String provider, int pin, boolean activeHigh, ResetSpec reset) {
        /** A supply pin without a reset line. */
        public PowerSpec(String kind, String provider, int pin, boolean activeHigh) {
            this(kind, provider, pin, activeHigh, null);
        }

        public PowerSpec {
            if (reset != null && reset.pin() == pin) {
                throw new IllegalArgumentException("reset pin " + reset.pin() + " is the power pin");
            }
        }

        /** The reset line, if the rig wires one. */
        public Optional<ResetSpec> resetLine() {
            return Optional.ofNullable(reset);
        }
    }

    /**
     * The GPIO output on the device's reset pin. {@code activeHigh}: the pin level that holds the
     * device in reset (most reset inputs are active low).
     */
    public record ResetSpec(int pin, boolean activeHigh) {
    }
}
