package dev.hil.core.rig;

/**
 * Something a rig offers and a scenario may need of it: a wired line, a phase its device log
 * shows, an image list with slot hashes. Faults, triggers and {@code then:} clauses declare their
 * needs in these terms so a scenario the rig cannot carry is refused before any device is touched.
 */
public sealed interface RigCapability {
    /** Why {@code rig} cannot carry the need, completing "rig 'name' (file) ...". */
    String missingFrom(RigSpec rig);

    static RigCapability resetLine() {
        return new ResetLineWired();
    }

    static RigCapability bootModeLine() {
        return new BootModeLineWired();
    }

    static RigCapability phase(String name) {
        return new PhaseMapped(name);
    }

    static RigCapability slotHashes() {
        return new SlotHashes();
    }

    static RigCapability deviceState() {
        return new DeviceStateControl();
    }

    static RigCapability slotSize() {
        return new SlotSizeStated();
    }

    static RigCapability sectorSize() {
        return new SectorSizeStated();
    }

    /** A second output wired to the device's reset pin ({@code power.reset}). */
    record ResetLineWired() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "has no reset line (reset needs a second relay/GPIO output wired to the device's reset pin:"
                    + " power.reset)";
        }
    }

    /** An output wired to the device's boot-mode strap. */
    record BootModeLineWired() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "has no boot-mode line";
        }
    }

    /** A protocol phase the rig maps to a device-log pattern ({@code phases: NAME: REGEX}). */
    record PhaseMapped(String name) implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "maps no phase '" + name + "' to a device-log pattern (it maps: "
                    + String.join(", ", new java.util.TreeSet<>(rig.phases().keySet())) + ")";
        }
    }

    /** The update protocol reads the device's image list with each slot's image hash. */
    record SlotHashes() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "speaks protocol '" + rig.protocol() + "', which reads no image list with slot hashes";
        }
    }

    /** The update protocol can put the device into a state (therapy active) and authorize an update. */
    record DeviceStateControl() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "speaks protocol '" + rig.protocol() + "', which can neither set device state nor authorize an update";
        }
    }

    /** The rig file states the board's update slot size ({@code profile.slot-size}). */
    record SlotSizeStated() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "states no profile.slot-size, which the image is sized from (add e.g. profile: {slot-size: 64KiB,"
                    + " sector-size: 4KiB} with the board's true numbers)";
        }
    }

    /** The rig file states the board's flash sector size ({@code profile.sector-size}). */
    record SectorSizeStated() implements RigCapability {
        @Override
        public String missingFrom(RigSpec rig) {
            return "states no profile.sector-size, which the image is sized from (add it to the rig's profile:)";
        }
    }
}
