package dev.hil.refdevice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked shares no code with its checker: no class of this module (main or test) names a
 * {@code dev/hil/} class outside {@code dev/hil/refdevice/}, and the pom declares no dev.hil
 * dependency. Read from the compiled constant pools, so imports, fully qualified names, descriptors
 * and reflection strings are all seen.
 */
class NoHarnessCodeTest {
    private static final String OWN = "dev/hil/refdevice/";
    private static final Pattern HIL_NAME = Pattern.compile("dev[/.]hil[/.][A-Za-z0-9_/.$]*");

    @Test
    void noCompiledClassNamesHarnessCode() throws IOException {
        List<Path> classes = new ArrayList<>();
        for (String dir : List.of("target/classes", "target/test-classes")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".class")).forEach(classes::add);
            }
        }
        assertThat(classes).as("the module's compiled classes").hasSizeGreaterThan(30);
        TreeSet<String> foreign = new TreeSet<>();
        for (Path c : classes) {
            for (String text : utf8Constants(Files.readAllBytes(c))) {
                Matcher m = HIL_NAME.matcher(text);
                while (m.find()) {
                    String name = m.group().replace('.', '/');
                    if (!name.startsWith(OWN)) {
                        foreign.add(c.getFileName() + " -> " + m.group());
                    }
                }
            }
        }
        assertThat(foreign).as("references to harness code").isEmpty();
    }

    @Test
    void theScanSeesReferencesAtAll() throws IOException {
        // The control: the same reading finds this module's own names where they must be.
        List<String> bootloader = utf8Constants(Files.readAllBytes(Path.of("target/classes/dev/hil/refdevice/Bootloader.class")));
        assertThat(bootloader).contains("dev/hil/refdevice/Flash", "dev/hil/refdevice/image/McubootImage");
    }

    @Test
    void thePomDeclaresNoDevHilDependency() throws IOException {
        String pom = Files.readString(Path.of("pom.xml")).replaceAll("(?s)<!--.*?-->", "");
        String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher dep = Pattern.compile("(?s)<dependency>(.*?)</dependency>").matcher(withoutParent);
        while (dep.find()) {
            assertThat(dep.group(1)).as("dependency").doesNotContain("<groupId>dev.hil</groupId>");
        }
        assertThat(withoutParent).as("this module's own coordinates").contains("<artifactId>reference-device</artifactId>");
    }

    /** The CONSTANT_Utf8 entries of a class file's constant pool (JVMS 4.4). */
    static List<String> utf8Constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        List<String> out = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> out.add(in.readUTF());
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // long and double take two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return out;
    }
}
