package dev.hil.benchsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpioTreeTest {
    @TempDir
    Path dir;

    private final LineSpec power = new LineSpec(LineSpec.POWER, 17, 1);
    private final LineSpec reset = new LineSpec(LineSpec.RESET, 27, 0);

    @Test
    void linesStartExportedAtTheirIdleLevelWithNoEdgeFile() throws Exception {
        Files.createDirectories(dir.resolve("gpio17"));
        Files.writeString(dir.resolve("gpio17/edge"), "none");
        GpioTree tree = GpioTree.create(dir, List.of(power, reset));
        assertThat(dir.resolve("export")).isRegularFile();
        assertThat(dir.resolve("unexport")).isRegularFile();
        assertThat(dir.resolve("gpio17/edge")).doesNotExist();
        assertThat(Files.readString(dir.resolve("gpio27/direction")).trim()).isEqualTo("in");
        assertThat(tree.level(power)).hasValue(0);
        assertThat(tree.level(reset)).as("reset released").hasValue(1);
    }

    @Test
    void emptyOrOddReadsAreIgnoredAndActiveLowInverts() throws Exception {
        GpioTree tree = GpioTree.create(dir, List.of(power));
        Files.writeString(dir.resolve("gpio17/value"), "");
        assertThat(tree.level(power)).as("between Pi4J's truncate and write").isEmpty();
        Files.writeString(dir.resolve("gpio17/value"), "x");
        assertThat(tree.level(power)).isEmpty();
        Files.writeString(dir.resolve("gpio17/value"), "1");
        assertThat(tree.level(power)).hasValue(1);
        Files.writeString(dir.resolve("gpio17/active_low"), "1");
        assertThat(tree.level(power)).hasValue(0);
    }
}
