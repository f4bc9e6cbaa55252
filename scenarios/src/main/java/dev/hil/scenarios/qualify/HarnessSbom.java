package dev.hil.scenarios.qualify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CycloneDX SBOM of the harness, generated at build time by cyclonedx-maven-plugin (makeBom in
 * scenarios/pom.xml, {@code bom.json} beside hil.jar). Qualification records which components the
 * validated tool was made of, so it takes the build's file as is: it never generates or patches one,
 * because an SBOM written after the fact would not describe the build that was qualified.
 */
public record HarnessSbom(Path file, String specVersion, String serialNumber, int components, String sha256) {
    public static final String FILE_NAME = "bom.json";

    /** Where the build puts it: beside the harness jar (scenarios/target), or beside target/classes. */
    public static Optional<Path> defaultLocation() {
        try {
            Path code = Path.of(HarnessSbom.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code.getParent();
            return dir == null ? Optional.empty() : Optional.of(dir.resolve(FILE_NAME));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads and checks {@code file}; the message says how to get one when it is absent or not CycloneDX. */
    public static HarnessSbom read(Path file) throws InvalidSbom {
        if (!Files.isRegularFile(file)) {
            throw new InvalidSbom("no harness SBOM at " + file + ": it is generated at build time by"
                    + " cyclonedx-maven-plugin (mvn -B package, online: the plugin skips itself in offline mode)."
                    + " hil qualify does not invent one");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode bom = new ObjectMapper().readTree(bytes);
            if (bom == null || !"CycloneDX".equals(bom.path("bomFormat").asText())) {
                throw new InvalidSbom(file + " is not a CycloneDX JSON SBOM (bomFormat is not CycloneDX)");
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new HarnessSbom(file, bom.path("specVersion").asText(), bom.path("serialNumber").asText(),
                    bom.path("components").size(), sha);
        } catch (IOException e) {
            throw new InvalidSbom("cannot read the harness SBOM " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the SBOM (and the build's XML twin, if present) into {@code dir}. */
    public void copyInto(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        Path xml = file.resolveSibling("bom.xml");
        if (Files.isRegularFile(xml)) {
            Files.copy(xml, dir.resolve("bom.xml"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sbom.file", "sbom/" + FILE_NAME + " (from " + file + ")");
        facts.put("sbom.format", "CycloneDX " + specVersion);
        facts.put("sbom.serialNumber", serialNumber);
        facts.put("sbom.components", Integer.toString(components));
        facts.put("sbom.sha256", sha256);
        return facts;
    }

    /** The SBOM is missing or not CycloneDX: bad input for qualification. */
    public static final class InvalidSbom extends Exception {
        public InvalidSbom(String message) {
            super(message);
        }
    }
}
