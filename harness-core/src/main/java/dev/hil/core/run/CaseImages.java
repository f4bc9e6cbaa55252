package dev.hil.core.run;

import dev.hil.core.device.ImageSlot;
import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.image.TrustKey;
import dev.hil.core.image.Verdict;
import dev.hil.core.scenario.ImageRole;
import dev.hil.core.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The case's images (given, update) as read from the suite, what the harness's own trust key says
 * of each (the "image hashes" attachment), and which of them a slot the device reports is.
 */
final class CaseImages {
    private final Scenario scenario;
    private final TrustKey trust;
    private final Map<ImageRole, FirmwareImage> images = new EnumMap<>(ImageRole.class);
    private final StringBuilder report = new StringBuilder();

    CaseImages(Scenario scenario, TrustKey trust) {
        this.scenario = scenario;
        this.trust = trust;
    }

    void load() {
        load(ImageRole.GIVEN, scenario.given().running());
        load(ImageRole.UPDATE, scenario.when().updateImage());
    }

    private void load(ImageRole role, Path file) {
        try {
            FirmwareImage img = FirmwareImage.read(file);
            images.put(role, img);
            Verdict v = trust.verify(img);
            report.append(String.format("%-7s %s%n        version %s, %d bytes%n        image hash %s%n"
                            + "        trust key %s: %s%n", role.yamlName(), name(role), img.version(), img.size(),
                    img.hashHex(), trust.fingerprint(), v.valid() ? "valid (" + v.reason() + ")" : "INVALID: " + v.reason()));
        } catch (IOException | ImageFormatException e) {
            throw ScenarioFailure.broken(FailureCode.BAD_INPUT, "cannot read " + role.yamlName() + " image: " + e.getMessage(), e);
        }
    }

    FirmwareImage get(ImageRole role) {
        return images.get(role);
    }

    /** The image's file as the scenario names it, relative to the suite root. */
    String name(ImageRole role) {
        Path file = role == ImageRole.GIVEN ? scenario.given().running() : scenario.when().updateImage();
        return scenario.suiteRoot().relativize(file).toString();
    }

    /** Which of the case's images the slot holds, by hash; empty for any other image. */
    Optional<ImageRole> roleOf(ImageSlot slot) {
        return images.entrySet().stream()
                .filter(e -> MessageDigest.isEqual(e.getValue().hash(), slot.hash()))
                .map(Map.Entry::getKey).findFirst();
    }

    boolean isRunning(ImageSlot slot, ImageRole role) {
        return MessageDigest.isEqual(slot.hash(), images.get(role).hash());
    }

    Recovery.Landing landingOf(ImageSlot running) {
        return landingOf(roleOf(running));
    }

    static Recovery.Landing landingOf(Optional<ImageRole> role) {
        return role.map(r -> r == ImageRole.GIVEN ? Recovery.Landing.GIVEN : Recovery.Landing.UPDATE)
                .orElse(Recovery.Landing.UNKNOWN_IMAGE);
    }

    String report() {
        return report.toString();
    }

    static Optional<ImageSlot> active(List<ImageSlot> list) {
        return list.stream().filter(ImageSlot::active).findFirst();
    }
}
