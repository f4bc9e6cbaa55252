package dev.hil.scenarios.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The folder a scenario's image paths may not leave: the nearest folder, starting at the scenario
 * file's own, that holds a {@value #MARKER} marker; else the scenario file's folder. Keeping paths
 * inside it means a suite copied to another machine takes everything it refers to along.
 */
record SuiteRoot(Path dir) {
    static final String MARKER = "hil-suite.yaml";

    static SuiteRoot of(Path scenarioFile) {
        Path own = scenarioFile.toAbsolutePath().normalize().getParent();
        for (Path d = own; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MARKER))) {
                return new SuiteRoot(d);
            }
        }
        return new SuiteRoot(own);
    }

    /**
     * The absolute, normalized file the path text at {@code pointer} names, relative to the
     * scenario file; null (with a problem at the value's mark) if it leaves the root, by
     * {@code ..} or by a symlink, or is not an existing file.
     */
    Path resolve(MarkedDocument doc, String pointer, Problems problems) {
        String text = doc.at(pointer).asText();
        String field = Pointers.dotted(pointer) + ": '" + text + "'";
        Path candidate;
        try {
            candidate = doc.file().toAbsolutePath().normalize().getParent().resolve(text).normalize();
        } catch (InvalidPathException e) {
            problems.add(pointer, doc.mark(pointer), field + " is not a valid path (" + e.getReason() + ")");
            return null;
        }
        if (!candidate.startsWith(dir)) {
            problems.add(pointer, doc.mark(pointer), field + " leaves the suite root " + dir);
            return null;
        }
        if (SuiteTestImages.isGeometryImage(candidate)) {
            return candidate; // generated for each rig from its profile (GeometryImages): need not exist yet
        }
        if (!Files.exists(candidate)) {
            problems.add(pointer, doc.mark(pointer), field + " does not exist (looked for " + candidate + ")");
            return null;
        }
        try {
            // Compare real paths: a symlink inside the suite may point anywhere on the machine.
            Path real = candidate.toRealPath();
            if (!real.startsWith(dir.toRealPath())) {
                problems.add(pointer, doc.mark(pointer), field + " leaves the suite root " + dir
                        + " through a symlink (it leads to " + real + ")");
                return null;
            }
        } catch (IOException e) {
            problems.add(pointer, doc.mark(pointer), field + " cannot be resolved (" + e.getMessage() + ")");
            return null;
        }
        if (!Files.isRegularFile(candidate)) {
            problems.add(pointer, doc.mark(pointer), field + " is not a file");
            return null;
        }
        return candidate;
    }
}
