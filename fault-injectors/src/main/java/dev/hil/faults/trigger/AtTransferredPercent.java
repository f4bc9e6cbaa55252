package dev.hil.faults.trigger;

import dev.hil.core.fault.FaultContext;
import dev.hil.core.scenario.Quantities;
import java.math.BigDecimal;

/** Fires when floor(P% of the update image) bytes have left the host, exactly like {@link AtImageByte}. */
public final class AtTransferredPercent extends AtImageByte {
    private final BigDecimal percent;

    public AtTransferredPercent(BigDecimal percent) {
        super(0, "transferred " + percent.stripTrailingZeros().toPlainString() + "%");
        this.percent = percent;
    }

    @Override
    protected long boundaryFor(FaultContext context) {
        return Quantities.bytesAt(percent, context.updateImageBytes());
    }
}
