package dev.hil.drivers.power;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import dev.hil.core.rig.RigFault;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * The Pi4J digital-output provider a rig file names, in a context of its own. The context is
 * built with only that provider (auto-detection would pick up whatever plugins are on the
 * classpath) and without Pi4J's shutdown hook: the harness' abort path decides when the device
 * goes off. The Pi plugins are loaded by name so the harness runs where they are absent.
 */
final class Pi4jProviders {
    private static final String GPIOD = "com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider";
    private static final String LINUXFS = "com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider";

    private Pi4jProviders() {
    }

    /** A context holding the provider; {@code gpioRoot}: the linuxfs sysfs tree (null: /sys/class/gpio). */
    static Context context(DigitalOutputProvider provider) {
        return Pi4J.newContextBuilder().noAutoDetect().disableShutdownHook().add(provider).build();
    }

    static DigitalOutputProvider provider(String name, Path gpioRoot) {
        switch (name) {
            case "mock":
                return MockDigitalOutputProvider.newInstance();
            case "gpiod":
                return plugin(GPIOD, "com.pi4j:pi4j-plugin-gpiod", name, null);
            case "linuxfs":
                return plugin(LINUXFS, "com.pi4j:pi4j-plugin-linuxfs", name,
                        gpioRoot == null ? null : gpioRoot.toString());
            default:
                throw new IllegalArgumentException("unknown Pi4J power provider '" + name + "' (use mock, gpiod or linuxfs)");
        }
    }

    /**
     * A pin Pi4J could not set up, as a rig fault in the bench's terms: Pi4J's own words ("No gpio
     * chip yet initialized!", "Failed to initialize IO power-17") say neither what is missing nor
     * what to do.
     */
    static RigFault explained(String provider, Path gpioRoot, RuntimeException e) {
        if ("gpiod".equals(provider) && !hasGpioChip()) {
            return new RigFault("power provider 'gpiod' needs a kernel GPIO chip (/dev/gpiochip*), which this"
                    + " machine does not have (a Pi has; elsewhere use provider: linuxfs or mock): " + e.getMessage(), e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = "linuxfs".equals(provider)
                ? " in the GPIO tree " + (gpioRoot == null ? "/sys/class/gpio" : gpioRoot)
                + " (is it there: sysfs GPIO enabled, or the simulated bench running?)" : "";
        return new RigFault("power provider '" + provider + "' cannot set up its pin" + where + ": "
                + (root == e ? e.getMessage() : e.getMessage() + ": " + root), e);
    }

    private static boolean hasGpioChip() {
        try (var dev = java.nio.file.Files.list(Path.of("/dev"))) {
            return dev.anyMatch(p -> p.getFileName().toString().startsWith("gpiochip"));
        } catch (java.io.IOException io) {
            return false;
        }
    }

    private static DigitalOutputProvider plugin(String className, String artifact, String name, String root) {
        try {
            Class<?> type = Class.forName(className);
            Object made = root == null ? type.getMethod("newInstance").invoke(null)
                    : type.getMethod("newInstance", String.class).invoke(null, root);
            return (DigitalOutputProvider) made;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("power provider '" + name + "' needs " + artifact
                    + " on the classpath; it is not there (on a virtual rig use provider: mock)", e);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("power provider '" + name + "' (" + className + ") cannot be created: " + e, e);
        }
    }
}
