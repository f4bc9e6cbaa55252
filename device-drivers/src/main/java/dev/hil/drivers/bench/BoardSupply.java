package dev.hil.drivers.bench;

import dev.hil.core.rig.PowerSwitch;
import dev.hil.core.timeline.TimelineEvent;
import dev.hil.drivers.power.SwitchedOutput;
import dev.hil.drivers.serial.SerialPortLink;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real board's supply as scenarios use it: the link is marked down before the cut (a write
 * racing with it fails cleanly), the driver switches, the rig's settle time passes; at power-on
 * the port is awaited ({@link PortReturn}) before the link is marked up.
 */
final class BoardSupply implements PowerSwitch {
    private final SwitchedOutput supply;
    private final SerialPortLink link;
    private final Path port;
    private final Duration portBudget;
    private final Duration settleOn;
    private final Duration settleOff;
    private final BenchEvents events;
    private final java.util.function.Consumer<Boolean> record;
    private volatile boolean on;
    private final Object switching = new Object();
    private volatile long cuts; // off() calls so far: a power-on still waiting for the port yields to a later cut

    BoardSupply(SwitchedOutput supply, SerialPortLink link, Path port, Duration portBudget, Duration settleOn,
                Duration settleOff, BenchEvents events, java.util.function.Consumer<Boolean> record) {
        this.record = record;
        this.supply = supply;
        this.link = link;
        this.port = port;
        this.portBudget = portBudget;
        this.settleOn = settleOn;
        this.settleOff = settleOff;
        this.events = events;
    }

    /**
     * Switches on, then waits for the port. A cut that comes meanwhile (a fault on the boot the
     * power-on started) wins: this power-on then ends quietly, the link stays down.
     */
    @Override
    public void on() {
        long cutsBefore;
        synchronized (switching) {
            cutsBefore = cuts;
            switchTo(true);
        }
        settle(settleOn);
        String[] node = new String[1];
        Duration waited = PortReturn.await(port, portBudget, node, () -> cuts != cutsBefore);
        synchronized (switching) {
            if (cuts != cutsBefore) {
                return;
            }
            events.tell(new TimelineEvent.PortReturned(port.toString(), node[0], waited));
            link.markUp();
        }
    }

    @Override
    public void off() {
        synchronized (switching) {
            cuts++;
            link.markDown();
            switchTo(false);
        }
        settle(settleOff);
    }

    /** Driven to a level without the port wait: the safe state at open and close. */
    void force(boolean active) {
        synchronized (switching) {
            if (!active) {
                cuts++;
                link.markDown();
            }
            switchTo(active);
        }
    }

    /** The lock file says "power on" before the switch on and until the switch off is done (SIGKILL). */
    private void switchTo(boolean active) {
        if (active) {
            record.accept(true);
        }
        long t0 = System.nanoTime();
        supply.drive(active);
        on = active;
        if (!active) {
            record.accept(false);
        }
        events.tell(new TimelineEvent.LineSwitched("supply", active, supply.describe(),
                Duration.ofNanos(System.nanoTime() - t0)));
    }

    @Override
    public boolean isOn() {
        return on;
    }

    private static void settle(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
