package dev.hil.drivers.uboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {
    private static void read(ConsoleLog log, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        log.onRead(b, 0, b.length);
    }

    @Test
    void linesAreCutAtNewlineAcrossReadsWithoutCarriageReturns() throws Exception {
        ConsoleLog log = new ConsoleLog();
        List<String> seen = new ArrayList<>();
        try (AutoCloseable h = log.onLine(seen::add)) {
            read(log, "U-Boot 20");
            assertThat(seen).isEmpty();
            read(log, "23.01\r\nFlash: 64 MiB\r\n\r\nHit any key");
            assertThat(seen).containsExactly("U-Boot 2023.01", "Flash: 64 MiB", "");
            log.flush();
            assertThat(seen).endsWith("Hit any key");
        }
        read(log, "after close\n");
        assertThat(seen).doesNotContain("after close");
        assertThat(log.lines()).anyMatch(l -> l.endsWith(" after close"));
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        ConsoleLog log = new ConsoleLog();
        List<String> seen = new ArrayList<>();
        log.onLine(l -> {
            throw new IllegalStateException("broken trigger");
        });
        log.onLine(seen::add);
        read(log, "one\n");
        assertThat(seen).containsExactly("one");
    }
}
