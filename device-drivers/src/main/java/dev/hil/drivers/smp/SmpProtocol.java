package dev.hil.drivers.smp;

import dev.hil.core.device.Device;
import dev.hil.core.rig.Board;
import dev.hil.core.rig.BoardProvider;
import dev.hil.core.rig.ProtocolProvider;
import dev.hil.core.rig.RigCapability;
import dev.hil.core.rig.RigSpec;
import java.time.Duration;
import java.util.Set;

/** Protocol provider for {@code protocol: smp}: the MCUmgr SMP client over any board's UART. */
public final class SmpProtocol implements ProtocolProvider {
    /** Short enough that polling a booting device stays fine-grained; ample for one SMP exchange. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int RETRIES = 2;
    private static final int CHUNK = 256;

    @Override
    public String name() {
        return "smp";
    }

    @Override
    public Set<String> links() {
        return Set.of(BoardProvider.UART);
    }

    /**
     * The image state read lists every slot with its image hash; the vendor group sets device state
     * and authorizes updates (a device without it refuses, which its scenario then reports).
     */
    @Override
    public Set<RigCapability> offers() {
        return Set.of(RigCapability.slotHashes(), RigCapability.deviceState());
    }

    @Override
    public Device open(RigSpec spec, Board board) {
        return new SmpClient(board.link(), REQUEST_TIMEOUT, RETRIES, CHUNK);
    }
}
