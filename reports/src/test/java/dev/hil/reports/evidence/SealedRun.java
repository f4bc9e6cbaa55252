package dev.hil.reports.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small Allure results directory and project tree, sealed with a test lab key. */
final class SealedRun {
    final Path project;
    final Path results;
    final Path keys;
    final LabKey key;
    final EvidenceSeal seal;

    SealedRun(Path base) throws IOException {
        project = base.resolve("project");
        results = project.resolve("target/allure-results");
        keys = base.resolve("keys");
        write(results.resolve("1f2e-result.json"), "{\"name\":\"power cut mid-upload\",\"status\":\"passed\"}");
        write(results.resolve("1f2e-attachment.txt"), "serial transcript\nboot: slot 0 ok\n");
        write(results.resolve("environment.properties"), "rig=virtual\nseed=42\n");
        write(results.resolve("timelines/1f2e timeline.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        write(project.resolve("scenarios/power/cut-mid-upload.yaml"), "name: cut mid upload\nfault: power-cut\n");
        write(project.resolve("rigs/virtual.yaml"), "name: virtual\n");
        key = LabKey.generateTestOnly(keys);
        seal = EvidenceBundle.seal(results, project,
                List.of(project.resolve("scenarios"), project.resolve("rigs/virtual.yaml")), key);
    }

    Path manifest() {
        return results.resolve("evidence/manifest.txt");
    }

    Path signature() {
        return results.resolve("evidence/manifest.p7s");
    }

    String manifestText() throws IOException {
        return Files.readString(manifest(), StandardCharsets.UTF_8);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Flips one bit of one byte: same size, different hash. */
    static void flipByte(Path file, int index) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[index] ^= 0x01;
        Files.write(file, b);
    }
}
