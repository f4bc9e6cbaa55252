package dev.hil.scenarios.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuiteScanTest {
    @TempDir
    Path tmp;

    private Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void findsScenarioFilesSortedAndSkipsImagesMarkersAndOtherFiles() throws Exception {
        Path b = touch("suite/power/b.yaml");
        Path a = touch("suite/power/a.yml");
        Path link = touch("suite/link/drop.yaml");
        touch("suite/hil-suite.yaml");
        touch("suite/images/keys.yaml");
        touch("suite/power/images/nested.yaml");
        touch("suite/power/notes.txt");
        Path single = touch("other/one.yaml");

        assertThat(SuiteScan.scan(List.of(tmp.resolve("suite"), single)))
                .containsExactly(single, link, a, b);
    }

    @Test
    void missingPathIsAnInputErrorAtItsStart() throws IOException {
        touch("suite/a.yaml");
        Path nowhere = tmp.resolve("nowhere");
        assertThatThrownBy(() -> SuiteScan.scan(List.of(tmp.resolve("suite"), nowhere)))
                .isInstanceOf(InputError.class)
                .hasMessage(nowhere + ":1:1: no such file or directory");
    }
}
