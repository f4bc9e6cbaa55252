package dev.hil.drivers.bench;

import dev.hil.core.rig.RigFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits for a board's port node after power-on. An on-board USB-UART powered by the board vanishes
 * while it is off and re-enumerates, often as another /dev/ttyUSBn behind the same by-id link; a
 * port that does not come back within the budget is a rig fault, not a product failure.
 */
final class PortReturn {
    private static final long POLL_NANOS = 2_000_000;

    private PortReturn() {
    }

    /**
     * How long the port took; the path's current target in {@code node[0]}. Gives up quietly when
     * {@code superseded} says the power went off again meanwhile.
     */
    static Duration await(Path port, Duration budget, String[] node, java.util.function.BooleanSupplier superseded) {
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        while (true) {
            if (superseded.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            if (Files.exists(port)) {
                node[0] = target(port);
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            if (System.nanoTime() > deadline) {
                throw new RigFault("port " + port + " did not come back within " + budget.toMillis()
                        + " ms after power-on (budgets.port): USB-UART unplugged, board not powered, or a wrong device.port");
            }
            try {
                Thread.sleep(POLL_NANOS / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RigFault("interrupted while waiting for port " + port, e);
            }
        }
    }

    private static String target(Path port) {
        try {
            return port.toRealPath().toString();
        } catch (IOException e) {
            return port.toString(); // gone again already: the next open says so
        }
    }
}
