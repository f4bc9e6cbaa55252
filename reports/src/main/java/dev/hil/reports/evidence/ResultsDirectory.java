package dev.hil.reports.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one run as the manifest names them: every regular file under the results directory,
 * by '/'-separated relative path, except the bundle's own evidence folder.
 */
final class ResultsDirectory {
    static final String EVIDENCE_DIR = "evidence";
    static final String MANIFEST = EVIDENCE_DIR + "/manifest.txt";
    static final String SIGNATURE = EVIDENCE_DIR + "/manifest.p7s";

    private final Path root;

    ResultsDirectory(Path root) {
        this.root = root;
    }

    Path manifest() {
        return root.resolve(MANIFEST);
    }

    Path signature() {
        return root.resolve(SIGNATURE);
    }

    /** Result files by manifest path. */
    SortedMap<String, Path> results() throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        for (Path p : regularFiles(root)) {
            String name = relativeName(root, p);
            if (!name.startsWith(EVIDENCE_DIR + "/")) {
                files.put(name, p);
            }
        }
        return files;
    }

    /** Files in the evidence folder that are not the bundle: nothing else belongs there. */
    SortedMap<String, Path> strayEvidence() throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        Path dir = root.resolve(EVIDENCE_DIR);
        if (Files.isDirectory(dir)) {
            for (Path p : regularFiles(dir)) {
                String name = relativeName(root, p);
                if (!name.equals(MANIFEST) && !name.equals(SIGNATURE)) {
                    files.put(name, p);
                }
            }
        }
        return files;
    }

    static Iterable<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** {@code file} relative to {@code base}, '/'-separated whatever the platform. */
    static String relativeName(Path base, Path file) {
        Path rel = base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }
}
