package dev.hil.reports.evidence;

import dev.hil.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Seals a finished run for auditors (design.md section 7): {@code evidence/manifest.txt} lists the
 * SHA-256 and size of every result file and every input the run used, and
 * {@code evidence/manifest.p7s} signs it with the lab key. Any later change, addition or removal of
 * a byte is then caught by {@link EvidenceVerifier}.
 */
public final class EvidenceBundle {
    private EvidenceBundle() {
    }

    /** As {@link #seal(Path, Path, List, LabKey)} with the working directory as project root. */
    public static EvidenceSeal seal(Path resultsDir, List<Path> inputs, LabKey key) throws IOException {
        return seal(resultsDir, Path.of(""), inputs, key);
    }

    /**
     * Writes the bundle into {@code resultsDir/evidence/}, replacing an earlier one.
     *
     * @param inputs scenario, rig and image files and the harness jar; a folder stands for every file
     *     under it. Recorded relative to {@code projectRoot}, where the verifier looks for them again.
     * @throws IOException if a file cannot be read or an input does not exist
     * @throws IllegalArgumentException if a result file holds a PEM private key or a name that
     *     cannot be one manifest line; such a run is not sealed
     */
    public static EvidenceSeal seal(Path resultsDir, Path projectRoot, List<Path> inputs, LabKey key) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            throw new NotDirectoryException(resultsDir.toString());
        }
        ResultsDirectory dir = new ResultsDirectory(resultsDir);
        List<ManifestEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Path> f : dir.results().entrySet()) {
            FileDigest d = FileDigest.of(f.getValue());
            if (d.holdsPrivateKey()) {
                // Sealing would make a leaked key part of the permanent, widely copied record.
                throw new IllegalArgumentException(resultsDir.resolve(f.getKey())
                        + " contains a PEM private key; private keys are never part of evidence");
            }
            entries.add(entry(ManifestEntry.Origin.RESULT, f.getKey(), d));
        }
        SortedMap<String, Path> inputFiles = inputFiles(projectRoot, inputs);
        for (Map.Entry<String, Path> f : inputFiles.entrySet()) {
            // Inputs are hashed, never copied, so a harness jar (which names PEM types) is fine here.
            entries.add(entry(ManifestEntry.Origin.INPUT, f.getKey(), FileDigest.of(f.getValue())));
        }
        Manifest manifest = new Manifest(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                harnessVersion(), key.identity(), entries);
        byte[] text = manifest.render();
        byte[] signature = ManifestSignature.sign(text, key);
        AtomicFile.write(dir.manifest(), text, false);
        AtomicFile.write(dir.signature(), signature, false);
        return new EvidenceSeal(dir.manifest(), dir.signature(), entries.size() - inputFiles.size(),
                inputFiles.size(), key.identity());
    }

    private static SortedMap<String, Path> inputFiles(Path projectRoot, List<Path> inputs) throws IOException {
        SortedMap<String, Path> files = new TreeMap<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path p : ResultsDirectory.regularFiles(input)) {
                    files.put(ResultsDirectory.relativeName(projectRoot, p), p);
                }
            } else if (Files.isRegularFile(input)) {
                files.put(ResultsDirectory.relativeName(projectRoot, input), input);
            } else {
                throw new NoSuchFileException(input.toString(), null, "input of the run not found");
            }
        }
        return files;
    }

    private static ManifestEntry entry(ManifestEntry.Origin origin, String path, FileDigest d) {
        if (path.isEmpty() || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || path.contains("\\")) {
            throw new IllegalArgumentException("cannot record file name " + path.replaceAll("\\p{Cntrl}", "?")
                    + " in the manifest (control characters or backslash)");
        }
        return new ManifestEntry(origin, path, d.size(), d.sha256());
    }

    /** The Maven version from the hil jar manifest, as the run's other reports state it. */
    private static String harnessVersion() {
        String v = EvidenceBundle.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev (not built as a jar)";
    }
}
