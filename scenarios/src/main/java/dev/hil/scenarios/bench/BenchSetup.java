package dev.hil.scenarios.bench;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.image.ImageFormatException;
import dev.hil.core.rig.RigSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What every part of {@code hil bench} runs against: the rig (UART unpaced), the suite whose test
 * images it sends, the state folder for its rigs, the seed of its random points and where the
 * figures go.
 */
record BenchSetup(RigSpec spec, Path library, Path state, long seed, PrintWriter out) {
    /** The suite's signed update image: what the benches upload and cut. */
    FirmwareImage updateImage() throws IOException, ImageFormatException {
        return FirmwareImage.read(library.resolve("images/app-1.1.0.signed"));
    }

    /** The image a device runs before the update. */
    FirmwareImage givenImage() throws IOException, ImageFormatException {
        return FirmwareImage.read(library.resolve("images/app-1.0.0.signed"));
    }
}
