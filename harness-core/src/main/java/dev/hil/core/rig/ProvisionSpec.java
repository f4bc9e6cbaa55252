package dev.hil.core.rig;

import java.util.List;

/**
 * How the rig brings its board to a scenario's {@code given.running} image ({@code provision:}):
 * <ul>
 * <li>{@code erase}: erase the flash (a device the harness launches itself), boot into recovery, upload;</li>
 * <li>{@code update}: the normal update flow, skipped when the board already runs the image;</li>
 * <li>{@code recovery}: boot-mode line held across a reset into the bootloader's serial recovery,
 *     upload to the primary slot, reset;</li>
 * <li>{@code command}: an external flasher ({@code ${image}} replaced by the image file) run while
 *     the board is held in reset, e.g. openocd, pyocd, probe-rs, nrfjprog.</li>
 * </ul>
 */
public record ProvisionSpec(Strategy strategy, List<String> command) {
    public enum Strategy {
        ERASE, UPDATE, RECOVERY, COMMAND;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final ProvisionSpec ERASE = new ProvisionSpec(Strategy.ERASE, List.of());
    public static final ProvisionSpec UPDATE = new ProvisionSpec(Strategy.UPDATE, List.of());

    public ProvisionSpec {
        command = List.copyOf(command);
        if (strategy == Strategy.COMMAND && command.isEmpty()) {
            throw new IllegalArgumentException("provision strategy command needs a flasher command");
        }
    }
}
