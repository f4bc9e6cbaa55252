package dev.hil.drivers.uboot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The environment a board leaves the factory with, from U-Boot's text form ({@code name=value}
 * lines, {@code #} comments, a trailing backslash joins the next line without its leading blanks)
 * to the binary block U-Boot loads from flash: CRC-32 (little-endian) over the rest, then
 * NUL-terminated {@code name=value} strings, an empty string, and padding.
 */
public final class FactoryEnvironment {
    /** CONFIG_ENV_SIZE of Debian's qemu_arm U-Boot (one 256 KiB pflash erase block). */
    public static final int QEMU_ARM_ENV_BYTES = 0x40000;

    private final Map<String, String> variables;

    private FactoryEnvironment(Map<String, String> variables) {
        this.variables = variables;
    }

    public static FactoryEnvironment read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static FactoryEnvironment parse(List<String> lines, String source) {
        Map<String, String> vars = new LinkedHashMap<>();
        StringBuilder joined = null;
        int startLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (joined == null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                joined = new StringBuilder();
                startLine = i + 1;
                line = line.stripTrailing();
            } else {
                line = line.strip();
            }
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1);
                continue;
            }
            joined.append(line);
            String entry = joined.toString();
            joined = null;
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(source + ":" + startLine + ": not name=value: " + entry);
            }
            if (vars.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(source + ":" + startLine + ": " + entry.substring(0, eq) + " set twice");
            }
        }
        if (joined != null) {
            throw new IllegalArgumentException(source + ":" + startLine + ": continued past the end of the file");
        }
        return new FactoryEnvironment(vars);
    }

    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** The flash block of {@code size} bytes U-Boot accepts ("Loading Environment from Flash... OK"). */
    public byte[] block(int size) {
        byte[] data = new byte[size - 4];
        Arrays.fill(data, (byte) 0xFF); // the CRC covers the padding too, so any filler works; erased flash is 0xFF
        int at = 0;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            byte[] s = (v.getKey() + "=" + v.getValue()).getBytes(StandardCharsets.ISO_8859_1);
            if (at + s.length + 2 > data.length) {
                throw new IllegalArgumentException("environment larger than " + size + " bytes");
            }
            System.arraycopy(s, 0, data, at, s.length);
            at += s.length;
            data[at++] = 0;
        }
        data[at] = 0;
        CRC32 crc = new CRC32();
        crc.update(data);
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).put(data).array();
    }
}
