package dev.hil.reports.evidence;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed text of a bundle. Plain UTF-8 lines so an auditor can read it and check the result
 * files with {@code sha256sum} (see the comment it starts with); entries are sorted so sealing the
 * same run twice differs only in the date line.
 *
 * <pre>
 * format: hil-evidence-manifest/1
 * date: 2026-11-25T22:02:53Z
 * ...
 *
 * SHA256  SIZE  result|input  PATH
 * </pre>
 */
public record Manifest(String date, String harnessVersion, SignerIdentity signer, List<ManifestEntry> entries) {
    static final String FORMAT = "hil-evidence-manifest/1";
    private static final Pattern ENTRY = Pattern.compile("([0-9a-f]{64})  (0|[1-9][0-9]{0,18})  (result|input)  (.+)");
    private static final Pattern HEADER = Pattern.compile("([a-z0-9-]+): (.*)");
    private static final List<String> HEADER_KEYS =
            List.of("format", "date", "harness-version", "signer", "signer-certificate-sha256");
    private static final String PREAMBLE = """
            # HIL evidence manifest: SHA-256 and size of every file of one test run, and of the inputs
            # it ran from. manifest.p7s beside it is a detached CMS signature over this exact file,
            # with the signer certificate inside; check both with: hil evidence verify RESULTS_DIR --cert LAB_CERT
            # "result" paths are relative to the results directory, "input" paths to the project root.
            # The result files can also be checked by hand, from the results directory:
            #   sed -nE 's/^([0-9a-f]{64})  [0-9]+  result  /\\1  /p' evidence/manifest.txt | sha256sum -c
            """;

    public Manifest {
        entries = entries.stream().sorted(ManifestEntry::compare).toList();
    }

    public List<ManifestEntry> entries(ManifestEntry.Origin origin) {
        return entries.stream().filter(e -> e.origin() == origin).toList();
    }

    byte[] render() {
        StringBuilder b = new StringBuilder(PREAMBLE);
        b.append("format: ").append(FORMAT).append('\n');
        b.append("date: ").append(date).append('\n');
        b.append("harness-version: ").append(oneLine(harnessVersion)).append('\n');
        b.append("signer: ").append(oneLine(signer.subject())).append('\n');
        b.append("signer-certificate-sha256: ").append(signer.fingerprint()).append('\n');
        b.append('\n');
        for (ManifestEntry e : entries) {
            b.append(e.sha256()).append("  ").append(e.size()).append("  ")
                    .append(e.origin().word()).append("  ").append(e.path()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]", " ");
    }

    /** Parses a manifest; the exception message names the line that is wrong. */
    static Manifest parse(byte[] bytes) throws ManifestFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestFormatException("not UTF-8 text");
        }
        Map<String, String> header = new LinkedHashMap<>();
        List<ManifestEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[lines.length - 1].isEmpty()) {
            throw new ManifestFormatException("last line is not terminated (truncated?)");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                ManifestEntry.Origin origin = ManifestEntry.Origin.fromWord(m.group(3));
                String path = m.group(4);
                checkPath(origin, path, no);
                if (!seen.add(origin.word() + " " + path)) {
                    throw new ManifestFormatException("line " + no + ": " + path + " is listed twice");
                }
                entries.add(new ManifestEntry(origin, path, Long.parseLong(m.group(2)), m.group(1)));
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches() && HEADER_KEYS.contains(h.group(1)) && entries.isEmpty()) {
                if (header.put(h.group(1), h.group(2)) != null) {
                    throw new ManifestFormatException("line " + no + ": " + h.group(1) + " given twice");
                }
                continue;
            }
            throw new ManifestFormatException("line " + no + ": neither a header nor a file entry");
        }
        for (String key : HEADER_KEYS) {
            if (!header.containsKey(key)) {
                throw new ManifestFormatException("no '" + key + ":' line");
            }
        }
        if (!header.get("format").equals(FORMAT)) {
            throw new ManifestFormatException("unknown format '" + header.get("format") + "' (expected " + FORMAT + ")");
        }
        return new Manifest(header.get("date"), header.get("harness-version"),
                new SignerIdentity(header.get("signer"), header.get("signer-certificate-sha256")), entries);
    }

    /**
     * Result paths must stay inside the results directory and outside the evidence folder, or a
     * crafted manifest could make the verifier vouch for files elsewhere. Inputs may climb out of
     * the project root (an image from a sibling folder) but never be absolute.
     */
    private static void checkPath(ManifestEntry.Origin origin, String path, int no) throws ManifestFormatException {
        boolean bad = path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        for (String part : path.split("/", -1)) {
            bad |= part.isEmpty() || part.equals(".") || (origin == ManifestEntry.Origin.RESULT && part.equals(".."));
        }
        bad |= origin == ManifestEntry.Origin.RESULT && path.startsWith(ResultsDirectory.EVIDENCE_DIR + "/");
        if (bad) {
            throw new ManifestFormatException("line " + no + ": unsafe " + origin.word() + " path '" + path + "'");
        }
    }

    /** A manifest that cannot be read as one; the message says where. */
    static final class ManifestFormatException extends Exception {
        ManifestFormatException(String message) {
            super(message);
        }
    }
}
