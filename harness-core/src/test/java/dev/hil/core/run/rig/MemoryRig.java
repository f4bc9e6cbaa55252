package dev.hil.core.run.rig;

import dev.hil.core.device.Device;
import dev.hil.core.image.TrustKey;
import dev.hil.core.link.SerialLink;
import dev.hil.core.rig.DeviceLog;
import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.rig.Rig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A rig in memory for the runner's unit tests: a supply that starts and kills a {@link MemoryDevice},
 * a link to it and its log. What it does is real (power off kills the device, an upload crosses the
 * link); only the hardware is missing. {@code power} is replaceable so a test can wire a failing one.
 */
public final class MemoryRig implements Rig {
    private final TrustKey trust;
    private final Duration bootBudget;
    private final SwitchedPower supply = new SwitchedPower();
    private final MemoryLink link = new MemoryLink(supply::isOn);
    private final ListenedLog log = new ListenedLog();
    private final MemoryDevice device = new MemoryDevice(link, log);
    private PowerSwitch power = supply;
    private int closed;

    public MemoryRig(TrustKey trust, Duration bootBudget) {
        this.trust = trust;
        this.bootBudget = bootBudget;
        supply.wire(device::powered);
    }

    /** Puts {@code p} between the harness and the supply (e.g. a switch whose off() fails). */
    public MemoryRig powerThrough(PowerSwitch p) {
        this.power = p;
        return this;
    }

    public SwitchedPower supply() {
        return supply;
    }

    public MemoryDevice memoryDevice() {
        return device;
    }

    public MemoryLink memoryLink() {
        return link;
    }

    public ListenedLog memoryLog() {
        return log;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Path source() {
        return Path.of("memory.yaml");
    }

    @Override
    public PowerSwitch power() {
        return power;
    }

    @Override
    public SerialLink link() {
        return link;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public DeviceLog log() {
        return log;
    }

    @Override
    public TrustKey trust() {
        return trust;
    }

    @Override
    public Duration bootBudget() {
        return bootBudget;
    }

    @Override
    public Map<String, String> phases() {
        return Map.of("verify", "verify: start", "verified", "verify: done");
    }

    private dev.hil.core.rig.ProvisionSpec provisioning = dev.hil.core.rig.ProvisionSpec.ERASE;

    /** How cases bring this rig's device to the given image (default: erase, as a launched device). */
    public MemoryRig provisionedBy(dev.hil.core.rig.ProvisionSpec p) {
        this.provisioning = p;
        return this;
    }

    @Override
    public dev.hil.core.rig.ProvisionSpec provisioning() {
        return provisioning;
    }

    @Override
    public void eraseDevice() {
        if (supply.isOn()) {
            throw new IllegalStateException("erase needs the device powered off");
        }
        device.erase();
    }

    @Override
    public void close() {
        closed++;
    }
}
