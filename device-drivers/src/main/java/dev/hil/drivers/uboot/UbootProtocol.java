package dev.hil.drivers.uboot;

import dev.hil.core.device.Device;
import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.ProtocolProvider;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.rig.RigSpec;
import dev.hil.drivers.ymodem.YmodemTimeouts;
import java.time.Duration;
import java.util.Set;

/**
 * Protocol provider for {@code protocol: uboot}: U-Boot with the A/B scripts of
 * {@code rigs/qemu-uboot/ab-boot.env}, driven over the board's console ({@link AbBootDevice}),
 * on QEMU or on a lab board's UART alike.
 */
public final class UbootProtocol implements ProtocolProvider {
    /** One script run: install verifies the package, writes the slot and verifies it again. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * U-Boot's loady ACKs the header block but sends no 'C' for the data until its own 2 s
     * character timeout and a 2 s flush have passed (xyzModem.c), so a reply wait must exceed 4 s.
     */
    private static final YmodemTimeouts YMODEM = YmodemTimeouts.DEFAULTS
            .withStart(Duration.ofSeconds(10)).withReply(Duration.ofSeconds(6));

    @Override
    public String name() {
        return "uboot";
    }

    @Override
    public Set<String> links() {
        return Set.of(BoardProvider.UART);
    }

    /** {@code run ab_status} verifies both slots and prints each one's image hash. */
    @Override
    public Set<RigCapability> offers() {
        return Set.of(RigCapability.slotHashes());
    }

    @Override
    public Device open(RigSpec spec, Board board) {
        return new AbBootDevice(board.link(), spec.bootBudget(), SCRIPT_TIMEOUT, YMODEM);
    }
}
