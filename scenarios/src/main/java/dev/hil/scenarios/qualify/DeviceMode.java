package dev.hil.scenarios.qualify;

import dev.hil.refdevice.Defect;
import java.util.Optional;

/** How the reference device is started for one library run: correct, or with one seeded defect. */
public record DeviceMode(Optional<Defect> defect) {
    public static final DeviceMode CORRECT = new DeviceMode(Optional.empty());

    public static DeviceMode with(Defect defect) {
        return new DeviceMode(Optional.of(defect));
    }

    /** The mode's name, also its results sub-folder: {@code correct} or {@code defect-FLAG}. */
    public String name() {
        return defect.map(d -> "defect-" + d.flag()).orElse("correct");
    }
}
