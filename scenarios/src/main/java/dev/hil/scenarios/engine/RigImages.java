package dev.hil.scenarios.engine;

import dev.hil.core.image.GeometryImages;
import dev.hil.core.rig.RigSpec;
import dev.hil.scenarios.file.ScenarioFile;
import dev.hil.scenarios.file.SuiteTestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A scenario file's images as they are on one rig: a geometry image's reserved name becomes the
 * file generated from the rig's profile, so the same scenario sends an oversize image that is
 * oversize on this board, whatever its slots. Other images are the files the scenario names.
 */
final class RigImages {
    private RigImages() {
    }

    /**
     * @throws IOException when a geometry image cannot be generated
     * @throws IllegalArgumentException when the rig's profile lacks what an image needs (the
     *                                  preflight's capability check refuses such a file first)
     */
    static ScenarioFile forRig(ScenarioFile file, RigSpec rig) throws IOException {
        try {
            return file.withImages(image -> resolve(image, rig));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path resolve(Path image, RigSpec rig) {
        if (!SuiteTestImages.isGeometryImage(image)) {
            return image;
        }
        try {
            return GeometryImages.ensure(image, rig.profile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
