package dev.hil.scenarios.file;

import dev.hil.core.image.GeometryImages;
import dev.hil.core.image.LibraryImages;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Suites whose {@code hil-suite.yaml} says {@code test-images: FOLDER} get their test-only keys
 * and images generated into that folder on first use (design.md section 2), so a fresh clone runs.
 */
public final class SuiteTestImages {
    private SuiteTestImages() {
    }

    /** Makes sure the test images of every suite the paths belong to exist. */
    public static void ensureFor(List<Path> paths) throws InputError {
        Set<Path> markers = new LinkedHashSet<>();
        for (Path p : paths) {
            for (Path dir = p.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path marker = dir.resolve(SuiteRoot.MARKER);
                if (Files.isRegularFile(marker)) {
                    markers.add(marker);
                    break;
                }
            }
        }
        for (Path marker : markers) {
            Object images = read(marker).get("test-images");
            if (images == null) {
                continue;
            }
            Path dir = marker.getParent().resolve(String.valueOf(images)).normalize();
            if (!dir.startsWith(marker.getParent())) {
                throw new InputError(new dev.hil.core.scenario.SourceMark(marker, 1, 1),
                        "test-images folder '" + images + "' leaves the suite root");
            }
            try {
                LibraryImages.ensure(dir);
            } catch (IOException e) {
                throw new InputError(new dev.hil.core.scenario.SourceMark(marker, 1, 1),
                        "cannot generate test images into " + dir + ": " + e.getMessage());
            }
        }
    }

    /**
     * Whether {@code image} names a geometry image (GeometryImages) in its suite's test-images
     * folder: such a file is generated for each rig from its profile and need not exist before.
     */
    public static boolean isGeometryImage(Path image) {
        Path file = image.toAbsolutePath().normalize();
        if (GeometryImages.kind(file.getFileName().toString()).isEmpty()) {
            return false;
        }
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            Path marker = dir.resolve(SuiteRoot.MARKER);
            if (Files.isRegularFile(marker)) {
                try {
                    Object images = read(marker).get("test-images");
                    return images != null && dir.resolve(String.valueOf(images)).normalize().equals(file.getParent());
                } catch (InputError e) {
                    return false; // the marker's own problem is reported where it is read for the suite
                }
            }
        }
        return false;
    }

    private static Map<?, ?> read(Path marker) throws InputError {
        try (Reader r = Files.newBufferedReader(marker)) {
            Object doc = new Load(LoadSettings.builder().build()).loadFromReader(r);
            return doc instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException | RuntimeException e) {
            throw new InputError(new dev.hil.core.scenario.SourceMark(marker, 1, 1), "cannot read suite file: " + e.getMessage());
        }
    }
}
