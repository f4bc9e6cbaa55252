package dev.hil.drivers.power;

import dev.hil.core.rig.RigSpec;

/**
 * SPI (ServiceLoader): one way a bench switches a board ({@code power.kind} in the rig file:
 * pi4j, command, pdudaemon). A new relay family is a class and a META-INF/services line.
 */
public interface PowerDriver {
    /** The rig file's {@code power.kind}. */
    String kind();

    /**
     * Opens the rig's lines without switching them; the board applies its safe state next.
     *
     * @throws IllegalArgumentException naming the rig file, for a description this driver cannot carry
     */
    BenchLines open(RigSpec spec);

    /** The driver of the rig's {@code power.kind}. */
    static PowerDriver of(RigSpec spec) {
        for (PowerDriver d : java.util.ServiceLoader.load(PowerDriver.class)) {
            if (d.kind().equals(spec.power().kind())) {
                return d;
            }
        }
        throw new IllegalArgumentException(spec.file() + ": power kind '" + spec.power().kind()
                + "' has no power driver");
    }
}
