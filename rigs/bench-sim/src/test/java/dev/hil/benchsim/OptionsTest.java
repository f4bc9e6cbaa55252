package dev.hil.benchsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private static final List<String> BASE = List.of("--gpio", "g", "--port-link", "p", "--events", "e",
            "--power-line", "17");

    private static Options parse(List<String> extra, String... device) {
        List<String> all = new java.util.ArrayList<>(BASE);
        all.addAll(extra);
        all.add("--");
        all.addAll(List.of(device));
        return Options.parse(all.toArray(String[]::new));
    }

    @Test
    void defaultsAreActiveHighPowerAndActiveLowResetAndBootMode() {
        Options o = parse(List.of("--reset-line", "27", "--boot-mode-line", "22"), "dev", "--flag");
        assertThat(o.lines()).containsExactly(new LineSpec("power", 17, 1), new LineSpec("reset", 27, 0),
                new LineSpec("boot-mode", 22, 0));
        assertThat(o.deviceCommand()).containsExactly("dev", "--flag");
        assertThat(o.portStays()).isFalse();
        assertThat(o.bootModeArg()).isEqualTo("--serial-recovery");
        assertThat(o.pollMillis()).isEqualTo(20);
        assertThat(o.deviceLog()).isNull();
    }

    @Test
    void polaritiesAndFlags() {
        Options o = parse(List.of("--power-active", "low", "--reset-line", "5", "--reset-active", "high",
                "--port-stays", "--boot-mode-arg", "--recover", "--poll-ms", "5", "--device-log", "d.log"), "x");
        assertThat(o.lines()).containsExactly(new LineSpec("power", 17, 0), new LineSpec("reset", 5, 1));
        assertThat(o.portStays()).isTrue();
        assertThat(o.bootModeArg()).isEqualTo("--recover");
        assertThat(o.pollMillis()).isEqualTo(5);
        assertThat(o.deviceLog()).hasToString("d.log");
    }

    @Test
    void badArgumentsSayWhy() {
        assertThatThrownBy(() -> parse(List.of())).hasMessageContaining("no device command");
        assertThatThrownBy(() -> parse(List.of("--reset-line", "17"), "x")).hasMessageContaining("two roles");
        assertThatThrownBy(() -> parse(List.of("--power-active", "up"), "x")).hasMessageContaining("high or low");
        assertThatThrownBy(() -> parse(List.of("--reset-line", "-1"), "x")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> parse(List.of("--what"), "x")).hasMessageContaining("unknown argument '--what'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--gpio"})).hasMessageContaining("--gpio needs a value");
    }
}
