package dev.hil.drivers.power;

import dev.hil.core.rig.OrderedClose;
import java.util.Optional;

/**
 * The lines one power driver gives a board: its supply and, when wired, its reset and boot-mode
 * lines. Closing releases the driver's resources (a Pi4J context, nothing for a CLI).
 */
public record BenchLines(SwitchedOutput supply, SwitchedOutput reset, SwitchedOutput bootMode, AutoCloseable owner)
        implements AutoCloseable {
    public Optional<SwitchedOutput> resetLine() {
        return Optional.ofNullable(reset);
    }

    public Optional<SwitchedOutput> bootModeLine() {
        return Optional.ofNullable(bootMode);
    }

    @Override
    public void close() {
        OrderedClose.closeAll("power driver", bootMode, reset, supply, owner);
    }
}
