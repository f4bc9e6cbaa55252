package dev.hil.reports.allure;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The firmware versions a case puts on the device (the image it starts on and the update), read
 * from the image headers rather than file names: a report reader needs the version the device
 * was told, and a renamed file must not fool it.
 */
final class FirmwareSeen {
    static final String KEY = "firmware.versions.seen";

    private FirmwareSeen() {
    }

    /** "1.1.0+0 (app-1.1.0.signed)" per readable image; an unreadable one is the case's problem, not the report's. */
    static List<String> versions(Scenario scenario) {
        List<String> seen = new ArrayList<>();
        for (Path image : List.of(scenario.given().running(), scenario.when().updateImage())) {
            try {
                seen.add(FirmwareImage.read(image).version() + " (" + image.getFileName() + ")");
            } catch (IOException | ImageFormatException | RuntimeException e) {
                // The runner reports a missing or malformed image on the case itself.
            }
        }
        return seen;
    }
}
