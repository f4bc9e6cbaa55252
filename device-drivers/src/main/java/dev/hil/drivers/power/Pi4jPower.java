package dev.hil.drivers.power;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import dev.hil.core.rig.OrderedClose;
import dev.hil.core.rig.RigSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Power driver {@code pi4j}: supply, reset and boot-mode lines as digital outputs of one Pi4J
 * provider (gpiod on Pi OS Bookworm, linuxfs on older kernels or a sysfs-shaped tree, mock).
 * One context for all lines of the board, shut down when the lines are closed.
 */
public final class Pi4jPower implements PowerDriver {
    @Override
    public String kind() {
        return "pi4j";
    }

    @Override
    public BenchLines open(RigSpec spec) {
        RigSpec.PowerSpec p = spec.power();
        DigitalOutputProvider provider = Pi4jProviders.provider(p.provider(), p.wiring().gpioRoot());
        Context ctx = Pi4jProviders.context(provider);
        List<AutoCloseable> opened = new ArrayList<>(List.of(ctx::shutdown));
        try {
            PinOutput supply = pin(ctx, provider, "power", "device supply", p.pin(), p.activeHigh(), opened);
            PinOutput reset = p.reset() == null ? null
                    : pin(ctx, provider, "reset", "device reset line", p.reset().pin(), p.reset().activeHigh(), opened);
            RigSpec.ResetSpec boot = p.wiring().bootMode();
            PinOutput bootMode = boot == null ? null
                    : pin(ctx, provider, "boot-mode", "device boot-mode strap", boot.pin(), boot.activeHigh(), opened);
            return new BenchLines(supply, reset, bootMode, ctx::shutdown);
        } catch (RuntimeException e) {
            RuntimeException explained = Pi4jProviders.explained(p.provider(), p.wiring().gpioRoot(), e);
            OrderedClose.closeOpened(explained, opened);
            throw explained;
        }
    }

    private static PinOutput pin(Context ctx, DigitalOutputProvider provider, String id, String what, int address,
                                 boolean activeHigh, List<AutoCloseable> opened) {
        PinOutput out = new PinOutput(GpioOutputPin.create(ctx, provider.id(), id, what, address, activeHigh),
                "GPIO " + address + " (" + provider.id() + ")");
        opened.add(0, out);
        return out;
    }

    /** One Pi4J pin as a bench line. */
    private record PinOutput(GpioOutputPin pin, String describe) implements SwitchedOutput {
        @Override
        public void drive(boolean active) {
            pin.drive(active);
        }

        @Override
        public boolean active() {
            return pin.isActive();
        }

        /** Leaves the pin at its inactive level, as a context shutdown would. */
        @Override
        public void close() {
            pin.close();
        }
    }
}
